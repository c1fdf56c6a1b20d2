/** `exact` EVM with `assetTransferMethod: "permit2"`: Permit2 typed data, payload reader and builder, settle calldata. */
export * from './build.ts'
export * from './calldata.ts'
export * from './exact.ts'
export * from './permit2.ts'
