// Reads worth keeping for a process's life: git objects named by their content, a team's id, an org's
// listing until this process changes it. One promise per key, so readers at once share one request.

/** The read kept under `key`, made once; a failed read is forgotten so that the next one asks again. */
export function keptRead<K, T>(cache: Map<K, Promise<T>>, key: K, read: () => Promise<T>): Promise<T> {
  let value = cache.get(key)
  if (!value) {
    const made = read()
    value = made
    cache.set(key, made)
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key)
    })
  }
  return value
}
