/**
 * The `batch-settlement` EVM error codes this facilitator answers with (scheme_batch_settlement_evm.md,
 * error table; x402-digest §4.3). Every one starts with `invalid_batch_settlement_evm_`.
 */
const code = <T extends string>(name: T) => `invalid_batch_settlement_evm_${name}` as const

/** The codes, by short name. */
export const BatchReason = {
  payloadType: code('payload_type'),
  scheme: code('scheme'),
  networkMismatch: code('network_mismatch'),
  voucherPayload: code('voucher_payload'),
  depositPayload: code('deposit_payload'),
  refundPayload: code('refund_payload'),
  claimPayload: code('claim_payload'),
  settlePayload: code('settle_payload'),
  channelIdMismatch: code('channel_id_mismatch'),
  tokenMismatch: code('token_mismatch'),
  receiverMismatch: code('receiver_mismatch'),
  receiverAuthorizerMismatch: code('receiver_authorizer_mismatch'),
  withdrawDelayMismatch: code('withdraw_delay_mismatch'),
  withdrawDelayOutOfRange: code('withdraw_delay_out_of_range'),
  voucherSignature: code('voucher_signature'),
  channelNotFound: code('channel_not_found'),
  insufficientBalance: code('insufficient_balance'),
  cumulativeExceedsBalance: code('cumulative_exceeds_balance'),
  cumulativeBelowClaimed: code('cumulative_below_claimed'),
  erc3009Required: code('erc3009_authorization_required'),
  missingEip712Domain: code('missing_eip712_domain'),
  receiveAuthorizationSignature: code('receive_authorization_signature'),
  validAfter: code('payload_authorization_valid_after'),
  validBefore: code('payload_authorization_valid_before'),
  depositSimulation: code('deposit_simulation_failed'),
  depositTransaction: code('deposit_transaction_failed'),
  refundAmountInvalid: code('refund_amount_invalid'),
  refundNoBalance: code('refund_no_balance'),
  refundSimulation: code('refund_simulation_failed'),
  refundTransaction: code('refund_transaction_failed'),
  authorizerMismatch: code('authorizer_address_mismatch'),
  claimSimulation: code('claim_simulation_failed'),
  claimTransaction: code('claim_transaction_failed'),
  nothingToSettle: code('nothing_to_settle'),
  settleSimulation: code('settle_simulation_failed'),
  settleTransaction: code('settle_transaction_failed'),
  unknownSettleAction: code('unknown_settle_action'),
  rpcReadFailed: code('rpc_read_failed'),
} as const

/** One batch-settlement error code. */
export type BatchReasonCode = (typeof BatchReason)[keyof typeof BatchReason]

/** The prefix every batch-settlement EVM error code carries. */
export const BATCH_REASON_PREFIX = 'invalid_batch_settlement_evm_'
