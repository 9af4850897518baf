/** The shared fixtures folder ('' where absent); see tools.ts for where it is looked for. */
export { FIXTURES } from './tools';
