export { relayOptionsFromEnv } from './config.js'
export { SeenEvents } from './dedup.js'
export { createDispatch, type Dispatch, DispatchError, type GithubAppConfig } from './dispatch.js'
export { createLambdaHandler, type FunctionUrlEvent, type FunctionUrlResult } from './lambda.js'
export {
  FIELD_NAMES,
  loadMapping,
  type Mapped,
  type Mapping,
  mapDelivery,
  type PayloadV2,
  parseMapping,
} from './mapping.js'
export { createRelayServer } from './node.js'
export { createRelay, type LogLine, type RelayOptions, type RelayRequest, type RelayResponse } from './relay.js'
export { parseHrTimestamp, type SignatureScheme, verifyHrSignature } from './verify.js'
