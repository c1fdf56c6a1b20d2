/**
 * The project's reference x402 client (v1 and v2, exact on EVM with EIP-3009; v2 batch-settlement on
 * EVM when it is the only payable offer or preferred, ./batch.ts): as a function
 * (`payForResource`), a command (`cli.ts`), an in-process target and a driver. Its behaviour is a set of
 * replaceable steps (`steps.ts`) so the self-test's known-bad clients are one-step variations of it.
 */
import { fileURLToPath } from 'node:url'
import { moduleUrl } from '../../module-url.ts'

export {
  acceptCorrective,
  batchOfferUsable,
  checkBatchReceipt,
  DEFAULT_DEPOSIT_MULTIPLIER,
  REFERENCE_CHANNEL_SALT,
} from './batch.ts'
export {
  type BatchChannelRecord,
  type BatchChannelStore,
  defaultStateDirectory,
  fileChannelStore,
  memoryChannelStore,
} from './batch-state.ts'
export { type ClientConfig, configFromEnvironment, DEFAULT_CLIENT_BUDGET } from './config.ts'
export { type DomainChecker, domainChecker } from './domain.ts'
export { type ClientDriver, startClientDriver } from './driver.ts'
export { type ReferenceClientOptions, referenceClientTarget } from './in-process.ts'
export { type PayOptions, payForResource } from './pay.ts'
export { defaultSteps, VALID_AFTER_BACKDATE_SECONDS } from './steps.ts'
export type {
  BatchVerdict,
  Challenge,
  ChallengeReading,
  ClientSteps,
  CorrectiveInput,
  ReceiptExpectation,
  ReceivedResponse,
  StepContext,
} from './types.ts'

/** Path of the reference client command, for `--start` command lines. */
export const REFERENCE_CLIENT_CLI: string = fileURLToPath(moduleUrl('./cli.ts', import.meta.url))
