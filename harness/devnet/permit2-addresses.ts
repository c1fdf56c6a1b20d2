/**
 * Where Permit2 and its x402 proxies live on the devnet. Kept free of viem so the devnet command can
 * print them before loading it.
 */

/** Uniswap's canonical Permit2 (same address on every chain); @x402/evm 2.27 `PERMIT2_ADDRESS`. */
export const PERMIT2_ADDRESS: `0x${string}` = '0x000000000022D473030F116dDEE9F6B43aC78BA3'

/** `x402ExactPermit2Proxy` (scheme_exact_evm.md, "Canonical Address"); @x402/evm `x402ExactPermit2ProxyAddress`. */
export const X402_EXACT_PERMIT2_PROXY: `0x${string}` = '0x402085c248EeA27D92E8b30b2C58ed07f9E20001'

/** `x402UptoPermit2Proxy` (scheme_upto_evm.md, "Annex"); @x402/evm `x402UptoPermit2ProxyAddress`. */
export const X402_UPTO_PERMIT2_PROXY: `0x${string}` = '0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002'

/**
 * The devnet's plain ERC-20 (no EIP-3009, no EIP-2612): an address of the devnet's own, the last 20
 * bytes of keccak256("x402-conformance devnet Erc20Token"), so it collides with no real deployment.
 */
export const PLAIN_TOKEN_ADDRESS: `0x${string}` = '0xaCA19A78C02920b5212b3084666bf8b15B622bf5'

/** The deterministic account (by index) that has NOT approved Permit2: a wallet before its first Permit2 payment. */
export const PERMIT2_UNAPPROVED_ACCOUNT = 9
