// bottleneck ships types only for its main entry; the light build (no Redis) has the same API.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
