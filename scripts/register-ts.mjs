// Lets `node --import ./scripts/register-ts.mjs file.ts` run the workspace's TypeScript sources directly.
import { register } from 'tsx/esm/api'

register()
