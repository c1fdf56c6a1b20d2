/**
 * The x402 wire layer: message types, strict base64/JSON codecs, validation of every v1 and v2 message
 * with field-path errors, header names per version and network id mapping.
 */
export { decodeBase64, encodeBase64 } from './base64.ts'
export {
  formatIssues,
  formatPath,
  WireError,
  type WireErrorOptions,
  type WireIssue,
  type WireIssueCode,
  type WireResult,
} from './errors.ts'
export {
  type DecodedX402Body,
  type DecodedX402Header,
  type DecodedX402Headers,
  decodeHeader,
  decodePaymentRequiredBody,
  decodeX402Headers,
  encodeHeader,
  encodePaymentHeader,
  getHeader,
  HEADERS,
  type HeadersLike,
  paymentHeaderName,
  paymentResponseHeaderName,
  safeDecodeHeader,
  safeDecodePaymentRequiredBody,
  type VersionHeaders,
  X402_HEADER_NAMES,
  type X402HeaderMessages,
  type X402HeaderName,
} from './headers.ts'
export { decodeBase64Json, encodeBase64Json, parseJsonText, stringifyJson } from './json.ts'
export * from './messages.ts'
export * from './networks.ts'
export type * from './types.ts'
