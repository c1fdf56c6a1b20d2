export {
  ACCOUNT_ROLES,
  DEVNET_MNEMONIC,
  DEVNET_PRIVATE_KEYS,
  devnetAccounts,
  toDevnetAccount,
} from './accounts.ts'
export { connectDevnet, DevnetUnavailable } from './connect.ts'
export { type StartDevnetOptions, startDevnet } from './devnet.ts'
export { FEE_TOKEN, feeOf, feeTokenBalance, fundFeeToken } from './fee-token.ts'
export { freePort } from './ports.ts'
export {
  type ChainPreset,
  isPresetName,
  MULTICALL3_ADDRESS,
  type PresetName,
  presets,
  USDC_DECIMALS,
} from './presets.ts'
export type { Devnet, DevnetAccount, FundOptions } from './types.ts'
