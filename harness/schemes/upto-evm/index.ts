/** `upto` on EVM: typed data, payload reader and builder, settle calldata. */
export * from './calldata.ts'
export * from './upto.ts'
