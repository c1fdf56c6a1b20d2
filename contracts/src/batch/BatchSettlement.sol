// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IDepositCollector} from "./IDepositCollector.sol";

/// @title x402 `batch-settlement` payment channels (scheme_batch_settlement_evm.md)
/// @notice Unidirectional channels: a payer deposits once (through a deposit collector), signs cumulative
/// vouchers off chain, and the receiver side claims the newest voucher of many channels in one
/// transaction and later sweeps everything claimed to the receiver in one transfer (`settle`).
/// Unclaimed escrow goes back to the payer by a cooperative refund (receiver side) or by a timed
/// withdrawal (payer side, after the channel's withdraw delay).
///
/// Accounting per channel: `balance` is what was deposited minus what was refunded or withdrawn;
/// `totalClaimed` is the cumulative amount the receiver side has claimed. Settling does not change
/// either: the claimed part of `balance` is simply owed to the receiver (tracked per receiver and token
/// in `receivers`). `totalClaimed <= balance` always holds, and refunds and withdrawals can only take
/// `balance - totalClaimed`.
///
/// The ABI is the one the x402 EVM SDK (2.27) calls (`deposit`, `claimWithSignature`, `settle`,
/// `refundWithSignature`, `multicall`, `channels`, `pendingWithdrawals`, `refundNonce`, `receivers`) plus
/// the rest of the spec's surface (`claim`, `refund`, `initiateWithdraw`, `finalizeWithdraw`, digests).
/// @dev Written for the x402-conformance devnet, which places the runtime code at the canonical address
/// with `anvil_setCode`: nothing is set in storage by the constructor. The EIP-712 name and version live
/// in OpenZeppelin's immutables, and the domain separator is rebuilt when `address(this)` differs from
/// the deploying address. The reentrancy lock uses transient storage (EIP-1153, Cancun and later).
contract BatchSettlement is EIP712, Multicall, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- types

    /// @notice The immutable parameters of a channel; their EIP-712 hash is the channel id.
    struct ChannelConfig {
        /// Whose tokens fund the channel and where refunds and withdrawals go (EOA or smart wallet).
        address payer;
        /// EOA that signs vouchers (ECDSA only), or zero: then `payer` signs (ECDSA or ERC-1271).
        address payerAuthorizer;
        /// Where claimed funds are settled (`payTo`).
        address receiver;
        /// Signs claim batches and refunds (ECDSA or ERC-1271); never zero.
        address receiverAuthorizer;
        /// The ERC-20 escrowed.
        address token;
        /// Seconds between `initiateWithdraw` and `finalizeWithdraw`, 15 minutes to 30 days.
        uint40 withdrawDelay;
        /// Tells apart channels whose other parameters are equal.
        bytes32 salt;
    }

    /// @notice What the payer signs: a cumulative ceiling for one channel (the signature travels beside it).
    struct Voucher {
        ChannelConfig channel;
        uint128 maxClaimableAmount;
    }

    /// @notice One row of a claim: a signed voucher and the cumulative total the receiver side claims with it.
    struct VoucherClaim {
        Voucher voucher;
        bytes signature;
        uint128 totalClaimed;
    }

    /// @notice On-chain state of a channel.
    struct Channel {
        uint128 balance;
        uint128 totalClaimed;
    }

    /// @notice A payer's timed withdrawal in progress (`initiatedAt == 0`: none).
    struct PendingWithdrawal {
        uint128 amount;
        uint40 initiatedAt;
    }

    /// @notice Claimed and settled totals of one receiver in one token, over all its channels.
    struct ReceiverTotals {
        uint128 totalClaimed;
        uint128 totalSettled;
    }

    // ---------------------------------------------------------------- constants

    /// @notice Shortest allowed withdraw delay.
    uint40 public constant MIN_WITHDRAW_DELAY = 15 minutes;
    /// @notice Longest allowed withdraw delay.
    uint40 public constant MAX_WITHDRAW_DELAY = 30 days;

    bytes32 public constant CHANNEL_CONFIG_TYPEHASH = keccak256(
        "ChannelConfig(address payer,address payerAuthorizer,address receiver,address receiverAuthorizer,address token,uint40 withdrawDelay,bytes32 salt)"
    );
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint128 maxClaimableAmount)");
    bytes32 public constant REFUND_TYPEHASH = keccak256("Refund(bytes32 channelId,uint256 nonce,uint128 amount)");
    bytes32 public constant CLAIM_ENTRY_TYPEHASH =
        keccak256("ClaimEntry(bytes32 channelId,uint128 maxClaimableAmount,uint128 totalClaimed)");
    /// @dev EIP-712 encodes a struct type followed by the types it references.
    bytes32 public constant CLAIM_BATCH_TYPEHASH = keccak256(
        "ClaimBatch(ClaimEntry[] claims)ClaimEntry(bytes32 channelId,uint128 maxClaimableAmount,uint128 totalClaimed)"
    );

    // ---------------------------------------------------------------- storage

    /// @notice Channel id => `(balance, totalClaimed)`.
    mapping(bytes32 channelId => Channel) public channels;
    /// @notice Channel id => `(amount, initiatedAt)` of the pending timed withdrawal.
    mapping(bytes32 channelId => PendingWithdrawal) public pendingWithdrawals;
    /// @notice Channel id => the nonce the next `refundWithSignature` must carry.
    mapping(bytes32 channelId => uint256) public refundNonce;
    /// @notice Receiver => token => `(totalClaimed, totalSettled)`.
    mapping(address receiver => mapping(address token => ReceiverTotals)) public receivers;

    // ---------------------------------------------------------------- events

    /// @notice A channel went from empty (no balance, nothing claimed) to funded. May repeat after `ChannelClosed`.
    event ChannelCreated(bytes32 indexed channelId, ChannelConfig config);
    /// @notice A channel with nothing claimed was emptied by a refund or a withdrawal.
    event ChannelClosed(bytes32 indexed channelId, ChannelConfig config);
    /// @notice `amount` was deposited; the channel balance is now `newBalance`.
    event Deposited(bytes32 indexed channelId, address indexed sender, uint128 amount, uint128 newBalance);
    /// @notice The claimed total of a channel rose by `claimAmount` to `newTotalClaimed`.
    event Claimed(bytes32 indexed channelId, address indexed sender, uint128 claimAmount, uint128 newTotalClaimed);
    /// @notice `amount` of claimed `token` was transferred to `receiver`.
    event Settled(address indexed receiver, address indexed token, address indexed sender, uint128 amount);
    /// @notice `amount` of unclaimed escrow went back to the payer.
    event Refunded(bytes32 indexed channelId, address indexed sender, uint128 amount);
    /// @notice The payer side started a timed withdrawal that can be finalized from `finalizeAfter` on.
    event WithdrawInitiated(bytes32 indexed channelId, uint128 amount, uint40 finalizeAfter);
    /// @notice A timed withdrawal paid `amount` to the payer.
    event WithdrawFinalized(bytes32 indexed channelId, address indexed sender, uint128 amount);

    // ---------------------------------------------------------------- errors

    /// @notice payer, receiver, receiverAuthorizer or token is the zero address.
    error InvalidChannelConfig();
    /// @notice The config's withdraw delay is outside [MIN_WITHDRAW_DELAY, MAX_WITHDRAW_DELAY].
    error WithdrawDelayOutOfRange(uint40 withdrawDelay);
    /// @notice A deposit, refund or withdrawal of zero.
    error ZeroAmount();
    /// @notice The collector is the zero address.
    error InvalidCollector();
    /// @notice The deposit would overflow the channel balance.
    error BalanceOverflow();
    /// @notice The collector returned without delivering exactly the deposit.
    error DepositNotReceived(uint256 expected, uint256 received);
    /// @notice A claim with no rows.
    error EmptyBatch();
    /// @notice The caller is neither the channel's receiver nor its receiver authorizer.
    error NotReceiverSide(address caller);
    /// @notice The caller is neither the channel's payer nor its payer authorizer.
    error NotPayerSide(address caller);
    /// @notice The rows of a signed claim batch name different receiver authorizers.
    error MixedReceiverAuthorizers();
    /// @notice The receiver authorizer's claim-batch or refund signature is invalid.
    error InvalidAuthorizerSignature();
    /// @notice The voucher of a claim row is not signed by the payer authorizer (or, if zero, the payer).
    error InvalidVoucherSignature(bytes32 channelId);
    /// @notice A claim row asks for more than its voucher's ceiling.
    error ClaimAboveVoucherCeiling(bytes32 channelId, uint128 totalClaimed, uint128 maxClaimableAmount);
    /// @notice A claim row asks for more than the channel holds.
    error ClaimAboveBalance(bytes32 channelId, uint128 totalClaimed, uint128 balance);
    /// @notice `refundWithSignature` carried a nonce other than the channel's current `refundNonce`.
    error StaleRefundNonce(uint256 nonce, uint256 expected);
    /// @notice `initiateWithdraw` while another withdrawal is pending.
    error WithdrawalAlreadyPending();
    /// @notice `finalizeWithdraw` with no withdrawal pending.
    error NoWithdrawalPending();
    /// @notice `finalizeWithdraw` before the withdraw delay has passed.
    error WithdrawDelayNotElapsed(uint256 finalizeAfter);
    /// @notice `initiateWithdraw` for more than the unclaimed escrow.
    error WithdrawAboveUnclaimed(uint128 amount, uint128 unclaimed);

    constructor() EIP712("x402 Batch Settlement", "1") {}

    // ---------------------------------------------------------------- deposit

    /// @notice Funds the channel of `config` with `amount`, pulled from the payer by `collector`.
    /// @dev Permissionless: the collector's authorization (bound to the channel id) is what protects the
    /// payer. Credits the channel only if the contract's token balance rose by exactly `amount`.
    function deposit(ChannelConfig calldata config, uint128 amount, address collector, bytes calldata collectorData)
        external
        nonReentrant
    {
        _requireValidConfig(config);
        if (amount == 0) revert ZeroAmount();
        if (collector == address(0)) revert InvalidCollector();

        bytes32 channelId = _channelId(config);
        Channel storage channel = channels[channelId];
        uint128 previous = channel.balance;
        if (amount > type(uint128).max - previous) revert BalanceOverflow();
        uint128 newBalance = previous + amount;
        channel.balance = newBalance;

        IERC20 token = IERC20(config.token);
        uint256 held = token.balanceOf(address(this));
        IDepositCollector(collector).collect(config.payer, config.token, amount, channelId, collectorData);
        uint256 received = token.balanceOf(address(this)) - held;
        if (received != amount) revert DepositNotReceived(amount, received);

        if (previous == 0 && channel.totalClaimed == 0) emit ChannelCreated(channelId, config);
        emit Deposited(channelId, msg.sender, amount, newBalance);
    }

    // ---------------------------------------------------------------- claim and settle

    /// @notice Claims vouchers of many channels; the caller must be the receiver or the receiver
    /// authorizer of every row's channel.
    /// @dev All or nothing: one invalid row (bad voucher signature, above its ceiling, above the channel
    /// balance, wrong caller) reverts the whole batch. A row whose `totalClaimed` is not above the
    /// channel's current total is skipped: it was claimed already (replay, or a zero-charge refund voucher).
    function claim(VoucherClaim[] calldata voucherClaims) external nonReentrant {
        uint256 count = voucherClaims.length;
        if (count == 0) revert EmptyBatch();
        for (uint256 i = 0; i < count; ++i) {
            VoucherClaim calldata row = voucherClaims[i];
            _requireReceiverSide(row.voucher.channel);
            _applyClaim(_channelId(row.voucher.channel), row);
        }
    }

    /// @notice Claims vouchers of many channels on the strength of one EIP-712 `ClaimBatch` signature by
    /// their common receiver authorizer; anyone may submit it.
    /// @dev Same row rules as `claim`. The signature covers `(channelId, maxClaimableAmount, totalClaimed)`
    /// of every row, in order.
    function claimWithSignature(VoucherClaim[] calldata voucherClaims, bytes calldata authorizerSignature)
        external
        nonReentrant
    {
        uint256 count = voucherClaims.length;
        if (count == 0) revert EmptyBatch();
        address authorizer = voucherClaims[0].voucher.channel.receiverAuthorizer;
        bytes32[] memory channelIds = new bytes32[](count);
        bytes32[] memory entryHashes = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            VoucherClaim calldata row = voucherClaims[i];
            if (row.voucher.channel.receiverAuthorizer != authorizer) revert MixedReceiverAuthorizers();
            channelIds[i] = _channelId(row.voucher.channel);
            entryHashes[i] = _claimEntryHash(channelIds[i], row);
        }
        if (!SignatureChecker.isValidSignatureNowCalldata(
                authorizer, _claimBatchDigest(entryHashes), authorizerSignature
            )) {
            revert InvalidAuthorizerSignature();
        }
        for (uint256 i = 0; i < count; ++i) {
            _applyClaim(channelIds[i], voucherClaims[i]);
        }
    }

    /// @notice Transfers everything claimed and not yet settled for `receiver` in `token`, in one transfer.
    /// @dev Permissionless. Does nothing (no event, no transfer) when there is nothing to settle.
    function settle(address receiver, address token) external nonReentrant {
        ReceiverTotals storage totals = receivers[receiver][token];
        uint128 amount = totals.totalClaimed - totals.totalSettled;
        if (amount == 0) return;
        totals.totalSettled = totals.totalClaimed;
        emit Settled(receiver, token, msg.sender, amount);
        IERC20(token).safeTransfer(receiver, amount);
    }

    // ---------------------------------------------------------------- cooperative refund

    /// @notice Returns up to `amount` of unclaimed escrow to the payer; receiver or receiver authorizer only.
    /// @dev Advances `refundNonce` (see `_refund`), so a `Refund` signed for the old nonce stops working.
    function refund(ChannelConfig calldata config, uint128 amount) external nonReentrant {
        _requireReceiverSide(config);
        _refund(config, _channelId(config), amount);
    }

    /// @notice Returns up to `amount` of unclaimed escrow to the payer on the strength of an EIP-712
    /// `Refund(channelId, nonce, amount)` signature by the receiver authorizer; anyone may submit it.
    /// @param nonce Must equal the channel's current `refundNonce`.
    function refundWithSignature(
        ChannelConfig calldata config,
        uint128 amount,
        uint256 nonce,
        bytes calldata receiverAuthorizerSignature
    ) external nonReentrant {
        bytes32 channelId = _channelId(config);
        uint256 expected = refundNonce[channelId];
        if (nonce != expected) revert StaleRefundNonce(nonce, expected);
        if (!SignatureChecker.isValidSignatureNowCalldata(
                config.receiverAuthorizer, getRefundDigest(channelId, nonce, amount), receiverAuthorizerSignature
            )) {
            revert InvalidAuthorizerSignature();
        }
        _refund(config, channelId, amount);
    }

    // ---------------------------------------------------------------- timed withdrawal

    /// @notice Starts a withdrawal of `amount` (at most the unclaimed escrow now); payer or payer
    /// authorizer only. It can be finalized `withdrawDelay` seconds later; meanwhile the receiver side
    /// can still claim.
    function initiateWithdraw(ChannelConfig calldata config, uint128 amount) external nonReentrant {
        _requirePayerSide(config);
        if (amount == 0) revert ZeroAmount();
        bytes32 channelId = _channelId(config);
        PendingWithdrawal storage pending = pendingWithdrawals[channelId];
        if (pending.initiatedAt != 0) revert WithdrawalAlreadyPending();
        Channel storage channel = channels[channelId];
        uint128 unclaimed = channel.balance - channel.totalClaimed;
        if (amount > unclaimed) revert WithdrawAboveUnclaimed(amount, unclaimed);
        uint40 startedAt = uint40(block.timestamp);
        pending.amount = amount;
        pending.initiatedAt = startedAt;
        emit WithdrawInitiated(channelId, amount, startedAt + config.withdrawDelay);
    }

    /// @notice Completes the pending withdrawal once the delay has passed; payer or payer authorizer
    /// only. Pays the pending amount, capped by what is still unclaimed (claims made during the delay win).
    function finalizeWithdraw(ChannelConfig calldata config) external nonReentrant {
        _requirePayerSide(config);
        bytes32 channelId = _channelId(config);
        PendingWithdrawal memory pending = pendingWithdrawals[channelId];
        if (pending.initiatedAt == 0) revert NoWithdrawalPending();
        uint256 finalizeAfter = uint256(pending.initiatedAt) + config.withdrawDelay;
        if (block.timestamp < finalizeAfter) revert WithdrawDelayNotElapsed(finalizeAfter);

        Channel storage channel = channels[channelId];
        uint128 unclaimed = channel.balance - channel.totalClaimed;
        uint128 amount = pending.amount < unclaimed ? pending.amount : unclaimed;
        delete pendingWithdrawals[channelId];
        channel.balance -= amount;

        emit WithdrawFinalized(channelId, msg.sender, amount);
        if (amount > 0) {
            _emitClosedIfEmpty(channelId, channel, config);
            IERC20(config.token).safeTransfer(config.payer, amount);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice The channel id of `config`: its EIP-712 hash under this contract's domain
    /// (`x402 Batch Settlement`, version 1, this chain, this address).
    function getChannelId(ChannelConfig calldata config) external view returns (bytes32) {
        return _channelId(config);
    }

    /// @notice The EIP-712 digest a payer (authorizer) signs for a voucher.
    function getVoucherDigest(bytes32 channelId, uint128 maxClaimableAmount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, maxClaimableAmount)));
    }

    /// @notice The EIP-712 digest a receiver authorizer signs for `refundWithSignature`.
    function getRefundDigest(bytes32 channelId, uint256 nonce, uint128 amount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(REFUND_TYPEHASH, channelId, nonce, amount)));
    }

    /// @notice The EIP-712 digest a receiver authorizer signs for `claimWithSignature` over these rows
    /// (defined for an empty list too, though an empty claim is refused).
    function getClaimBatchDigest(VoucherClaim[] calldata voucherClaims) external view returns (bytes32) {
        uint256 count = voucherClaims.length;
        bytes32[] memory entryHashes = new bytes32[](count);
        for (uint256 i = 0; i < count; ++i) {
            entryHashes[i] = _claimEntryHash(_channelId(voucherClaims[i].voucher.channel), voucherClaims[i]);
        }
        return _claimBatchDigest(entryHashes);
    }

    // ---------------------------------------------------------------- internals

    function _channelId(ChannelConfig calldata config) private view returns (bytes32) {
        // Every member is a static type, so abi.encode of the struct is its EIP-712 encodeData.
        return _hashTypedDataV4(keccak256(abi.encode(CHANNEL_CONFIG_TYPEHASH, config)));
    }

    function _claimEntryHash(bytes32 channelId, VoucherClaim calldata row) private pure returns (bytes32) {
        return keccak256(abi.encode(CLAIM_ENTRY_TYPEHASH, channelId, row.voucher.maxClaimableAmount, row.totalClaimed));
    }

    function _claimBatchDigest(bytes32[] memory entryHashes) private view returns (bytes32) {
        // EIP-712 array: keccak256 of the concatenated element hashes (no length prefix).
        return _hashTypedDataV4(keccak256(abi.encode(CLAIM_BATCH_TYPEHASH, keccak256(abi.encodePacked(entryHashes)))));
    }

    function _requireValidConfig(ChannelConfig calldata config) private pure {
        if (
            config.payer == address(0) || config.receiver == address(0) || config.receiverAuthorizer == address(0)
                || config.token == address(0)
        ) revert InvalidChannelConfig();
        if (config.withdrawDelay < MIN_WITHDRAW_DELAY || config.withdrawDelay > MAX_WITHDRAW_DELAY) {
            revert WithdrawDelayOutOfRange(config.withdrawDelay);
        }
    }

    function _requireReceiverSide(ChannelConfig calldata config) private view {
        if (msg.sender != config.receiver && msg.sender != config.receiverAuthorizer) {
            revert NotReceiverSide(msg.sender);
        }
    }

    function _requirePayerSide(ChannelConfig calldata config) private view {
        // A zero payerAuthorizer can never match: msg.sender is never the zero address.
        if (msg.sender != config.payer && msg.sender != config.payerAuthorizer) revert NotPayerSide(msg.sender);
    }

    /// @dev Raises the channel's claimed total to `row.totalClaimed` after checking it against the
    /// voucher's ceiling, the channel balance and the payer's signature; a row at or below the current
    /// total changes nothing and is skipped without further checks.
    function _applyClaim(bytes32 channelId, VoucherClaim calldata row) private {
        Channel storage channel = channels[channelId];
        uint128 already = channel.totalClaimed;
        uint128 target = row.totalClaimed;
        if (target <= already) return;
        uint128 ceiling = row.voucher.maxClaimableAmount;
        if (target > ceiling) revert ClaimAboveVoucherCeiling(channelId, target, ceiling);
        uint128 balance = channel.balance;
        if (target > balance) revert ClaimAboveBalance(channelId, target, balance);
        if (!_isPayerSignature(row.voucher.channel, getVoucherDigest(channelId, ceiling), row.signature)) {
            revert InvalidVoucherSignature(channelId);
        }

        uint128 delta = target - already;
        channel.totalClaimed = target;
        receivers[row.voucher.channel.receiver][row.voucher.channel.token].totalClaimed += delta;
        emit Claimed(channelId, msg.sender, delta, target);
    }

    /// @dev A voucher binds the payer authorizer's key when one is set (plain ECDSA, no contract
    /// signatures); otherwise the payer itself, which may be an ERC-1271 wallet.
    function _isPayerSignature(ChannelConfig calldata config, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        if (config.payerAuthorizer != address(0)) {
            (address signer, ECDSA.RecoverError recoverError,) = ECDSA.tryRecoverCalldata(digest, signature);
            return recoverError == ECDSA.RecoverError.NoError && signer == config.payerAuthorizer;
        }
        return SignatureChecker.isValidSignatureNowCalldata(config.payer, digest, signature);
    }

    /// @dev The common part of both refund paths. The nonce advances first, whatever the outcome: a
    /// refund that finds no unclaimed escrow moves nothing but still uses up its nonce (spec: "Refund and
    /// withdrawal"). A pending withdrawal shrinks by the refunded amount, and is dropped when covered.
    function _refund(ChannelConfig calldata config, bytes32 channelId, uint128 amount) private {
        if (amount == 0) revert ZeroAmount();
        refundNonce[channelId] += 1;

        Channel storage channel = channels[channelId];
        uint128 unclaimed = channel.balance - channel.totalClaimed;
        uint128 paid = amount < unclaimed ? amount : unclaimed;
        if (paid == 0) return;
        channel.balance -= paid;

        PendingWithdrawal storage pending = pendingWithdrawals[channelId];
        if (pending.initiatedAt != 0) {
            if (paid >= pending.amount) delete pendingWithdrawals[channelId];
            else pending.amount -= paid;
        }

        emit Refunded(channelId, msg.sender, paid);
        _emitClosedIfEmpty(channelId, channel, config);
        IERC20(config.token).safeTransfer(config.payer, paid);
    }

    function _emitClosedIfEmpty(bytes32 channelId, Channel storage channel, ChannelConfig calldata config) private {
        if (channel.balance == 0 && channel.totalClaimed == 0) emit ChannelClosed(channelId, config);
    }
}
