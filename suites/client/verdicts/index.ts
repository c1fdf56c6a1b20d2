/**
 * The client suite's verdict vocabulary, by concept: the run as a whole (./run.ts), how a payment is
 * carried (./encoding.ts), the authorization signed (./authorization.ts), what the client makes of the
 * answers (./response.ts) and batch-settlement payments (./batch.ts). Each check fails with what was
 * expected, what was seen and the catalogue's spec section.
 */
export * from './authorization.ts'
export * from './batch.ts'
export * from './encoding.ts'
export * from './permit2.ts'
export * from './response.ts'
export * from './run.ts'
