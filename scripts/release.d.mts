export declare function parseTag(tag: string): number[]
export declare function releaseNotes(tag: string, changelog: string, packageVersion: string): string
export declare function majorToMove(tag: string, refs: string[]): string | undefined
