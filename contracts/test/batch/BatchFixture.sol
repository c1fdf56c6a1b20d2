// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BatchSettlement} from "../../src/batch/BatchSettlement.sol";
import {Erc3009DepositCollector} from "../../src/batch/Erc3009DepositCollector.sol";
import {Usdc} from "../../src/Usdc.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice The forge cheatcodes the batch tests need beyond TestBase's (same cheatcode address).
interface BatchVm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function expectRevert(bytes4 revertData) external;
    function expectRevert() external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function startPrank(address sender) external;
    function stopPrank() external;
    function assume(bool condition) external;
}

/// @notice Shared set-up of the batch-settlement tests: the devnet USDC, the channel contract and the
/// EIP-3009 collector at their canonical addresses (runtime code moved there, as the devnet does), keys
/// for every role, and EIP-712 signing computed here from the spec's types, not read from the contract.
abstract contract BatchFixture is TestBase {
    BatchVm internal constant cheats = BatchVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// Canonical CREATE2 addresses (scheme_batch_settlement_evm.md, "Reference Implementation").
    address internal constant SETTLEMENT_ADDRESS = 0x4020074e9dF2ce1deE5A9C1b5c3f541D02a10003;
    address internal constant ERC3009_COLLECTOR_ADDRESS = 0x4020806089470a89826cB9fB1f4059150b550004;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant CONFIG_TYPEHASH = keccak256(
        "ChannelConfig(address payer,address payerAuthorizer,address receiver,address receiverAuthorizer,address token,uint40 withdrawDelay,bytes32 salt)"
    );
    bytes32 internal constant VOUCHER_TYPEHASH_ = keccak256("Voucher(bytes32 channelId,uint128 maxClaimableAmount)");
    bytes32 internal constant REFUND_TYPEHASH_ = keccak256("Refund(bytes32 channelId,uint256 nonce,uint128 amount)");
    bytes32 internal constant ENTRY_TYPEHASH =
        keccak256("ClaimEntry(bytes32 channelId,uint128 maxClaimableAmount,uint128 totalClaimed)");
    bytes32 internal constant BATCH_TYPEHASH = keccak256(
        "ClaimBatch(ClaimEntry[] claims)ClaimEntry(bytes32 channelId,uint128 maxClaimableAmount,uint128 totalClaimed)"
    );
    bytes32 internal constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );

    uint256 internal constant NOW = 1_700_000_000;
    uint40 internal constant DELAY = 900;
    uint256 internal constant PAYER_KEY = 0xA11CE;
    uint256 internal constant PAYER_AUTHORIZER_KEY = 0xA117;
    uint256 internal constant RECEIVER_AUTHORIZER_KEY = 0xB0B;
    uint256 internal constant STRANGER_KEY = 0xBAD;
    address internal constant RECEIVER = address(0xFEE);
    uint256 internal constant PAYER_FUNDS = 1_000_000_000;

    Usdc internal usdc;
    BatchSettlement internal settlement;
    Erc3009DepositCollector internal collector;
    address internal payer;
    address internal payerAuthorizer;
    address internal receiverAuthorizer;
    address internal stranger;

    uint256 private _depositSalt;

    function setUp() public virtual {
        vm.warp(NOW);
        usdc = new Usdc("USDC", "2");
        vm.etch(SETTLEMENT_ADDRESS, address(new BatchSettlement()).code);
        settlement = BatchSettlement(SETTLEMENT_ADDRESS);
        vm.etch(ERC3009_COLLECTOR_ADDRESS, address(new Erc3009DepositCollector(SETTLEMENT_ADDRESS)).code);
        collector = Erc3009DepositCollector(ERC3009_COLLECTOR_ADDRESS);
        payer = vm.addr(PAYER_KEY);
        payerAuthorizer = vm.addr(PAYER_AUTHORIZER_KEY);
        receiverAuthorizer = vm.addr(RECEIVER_AUTHORIZER_KEY);
        stranger = vm.addr(STRANGER_KEY);
        usdc.mint(payer, PAYER_FUNDS);
    }

    // ------------------------------------------------------------------ configs and ids

    /// A channel of `payer` to RECEIVER, vouchers signed by `payerAuthorizer`.
    function _config(bytes32 salt) internal view returns (BatchSettlement.ChannelConfig memory) {
        return BatchSettlement.ChannelConfig({
            payer: payer,
            payerAuthorizer: payerAuthorizer,
            receiver: RECEIVER,
            receiverAuthorizer: receiverAuthorizer,
            token: address(usdc),
            withdrawDelay: DELAY,
            salt: salt
        });
    }

    function _config() internal view returns (BatchSettlement.ChannelConfig memory) {
        return _config(bytes32(0));
    }

    function _domainSeparator(address verifyingContract) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("x402 Batch Settlement"), keccak256("1"), block.chainid, verifyingContract
            )
        );
    }

    function _typed(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", _domainSeparator(SETTLEMENT_ADDRESS), structHash));
    }

    /// The channel id from the EIP-712 rules, field by field.
    function _id(BatchSettlement.ChannelConfig memory c) internal view returns (bytes32) {
        return _typed(
            keccak256(
                abi.encode(
                    CONFIG_TYPEHASH,
                    c.payer,
                    c.payerAuthorizer,
                    c.receiver,
                    c.receiverAuthorizer,
                    c.token,
                    uint256(c.withdrawDelay),
                    c.salt
                )
            )
        );
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    // ------------------------------------------------------------------ deposits

    /// The payer's EIP-3009 authorization for a deposit into channel `id`, as collector data.
    function _collectorData(uint256 fromKey, address from, bytes32 id, uint256 amount, uint256 salt)
        internal
        view
        returns (bytes memory)
    {
        uint256 validBefore = block.timestamp + 1 hours;
        bytes32 nonce = keccak256(abi.encode(id, salt));
        bytes32 structHash = keccak256(
            abi.encode(RECEIVE_TYPEHASH, from, ERC3009_COLLECTOR_ADDRESS, amount, uint256(0), validBefore, nonce)
        );
        bytes32 tokenDomain =
            keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("USDC"), keccak256("2"), block.chainid, address(usdc)));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", tokenDomain, structHash));
        return abi.encode(uint256(0), validBefore, salt, _sign(fromKey, digest));
    }

    /// Deposits `amount` into channel `c` with a fresh EIP-3009 authorization signed by `fromKey`.
    function _depositSignedBy(uint256 fromKey, BatchSettlement.ChannelConfig memory c, uint128 amount) internal {
        _depositSalt++;
        bytes memory data = _collectorData(fromKey, c.payer, _id(c), amount, _depositSalt);
        settlement.deposit(c, amount, ERC3009_COLLECTOR_ADDRESS, data);
    }

    function _deposit(BatchSettlement.ChannelConfig memory c, uint128 amount) internal {
        _depositSignedBy(PAYER_KEY, c, amount);
    }

    // ------------------------------------------------------------------ vouchers and claims

    function _voucherSig(uint256 key, bytes32 id, uint128 maxClaimable) internal view returns (bytes memory) {
        return _sign(key, _typed(keccak256(abi.encode(VOUCHER_TYPEHASH_, id, maxClaimable))));
    }

    /// A claim row whose voucher is signed by `key`.
    function _row(uint256 key, BatchSettlement.ChannelConfig memory c, uint128 maxClaimable, uint128 totalClaimed)
        internal
        view
        returns (BatchSettlement.VoucherClaim memory)
    {
        return BatchSettlement.VoucherClaim({
            voucher: BatchSettlement.Voucher({channel: c, maxClaimableAmount: maxClaimable}),
            signature: _voucherSig(key, _id(c), maxClaimable),
            totalClaimed: totalClaimed
        });
    }

    /// A claim row signed by the payer authorizer.
    function _row(BatchSettlement.ChannelConfig memory c, uint128 maxClaimable, uint128 totalClaimed)
        internal
        view
        returns (BatchSettlement.VoucherClaim memory)
    {
        return _row(PAYER_AUTHORIZER_KEY, c, maxClaimable, totalClaimed);
    }

    function _rows(BatchSettlement.VoucherClaim memory a)
        internal
        pure
        returns (BatchSettlement.VoucherClaim[] memory)
    {
        BatchSettlement.VoucherClaim[] memory rows = new BatchSettlement.VoucherClaim[](1);
        rows[0] = a;
        return rows;
    }

    /// The ClaimBatch digest from the EIP-712 rules.
    function _batchDigest(BatchSettlement.VoucherClaim[] memory rows) internal view returns (bytes32) {
        bytes memory packed;
        for (uint256 i = 0; i < rows.length; i++) {
            packed = bytes.concat(
                packed,
                keccak256(
                    abi.encode(
                        ENTRY_TYPEHASH,
                        _id(rows[i].voucher.channel),
                        uint256(rows[i].voucher.maxClaimableAmount),
                        uint256(rows[i].totalClaimed)
                    )
                )
            );
        }
        return _typed(keccak256(abi.encode(BATCH_TYPEHASH, keccak256(packed))));
    }

    function _batchSig(uint256 key, BatchSettlement.VoucherClaim[] memory rows) internal view returns (bytes memory) {
        return _sign(key, _batchDigest(rows));
    }

    /// Claims one row by the receiver authorizer's signature, relayed by a stranger.
    function _claim(BatchSettlement.VoucherClaim memory row) internal {
        BatchSettlement.VoucherClaim[] memory rows = _rows(row);
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        vm.prank(stranger);
        settlement.claimWithSignature(rows, sig);
    }

    function _refundSig(uint256 key, bytes32 id, uint256 nonce, uint128 amount) internal view returns (bytes memory) {
        return _sign(key, _typed(keccak256(abi.encode(REFUND_TYPEHASH_, id, nonce, amount))));
    }

    // ------------------------------------------------------------------ reads

    function _balance(bytes32 id) internal view returns (uint128 balance) {
        (balance,) = settlement.channels(id);
    }

    function _claimed(bytes32 id) internal view returns (uint128 totalClaimed) {
        (, totalClaimed) = settlement.channels(id);
    }

    function _pending(bytes32 id) internal view returns (uint128 amount, uint40 initiatedAt) {
        return settlement.pendingWithdrawals(id);
    }

    function _countLogs(BatchVm.Log[] memory logs, bytes32 topic0) internal pure returns (uint256 n) {
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].topics.length > 0 && logs[i].topics[0] == topic0) n++;
        }
    }
}
