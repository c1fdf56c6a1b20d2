// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BatchSettlement} from "../../src/batch/BatchSettlement.sol";
import {SmartWallet} from "../../src/SmartWallet.sol";
import {BatchFixture, BatchVm} from "./BatchFixture.sol";

/// Claims (one channel, many channels, by signature) and the sweep to the receiver
/// (scheme_batch_settlement_evm.md "Claim and settle", "Authorizer roles", "Claim & Settlement Strategy").
contract BatchClaimTest is BatchFixture {
    event Claimed(bytes32 indexed channelId, address indexed sender, uint128 claimAmount, uint128 newTotalClaimed);
    event Settled(address indexed receiver, address indexed token, address indexed sender, uint128 amount);
    event Transfer(address indexed from, address indexed to, uint256 value);

    uint256 constant WALLET_OWNER_KEY = 0x0A11E7;

    BatchSettlement.ChannelConfig a;
    BatchSettlement.ChannelConfig b;
    BatchSettlement.ChannelConfig c;

    function setUp() public override {
        super.setUp();
        a = _config(bytes32(uint256(1)));
        b = _config(bytes32(uint256(2)));
        c = _config(bytes32(uint256(3)));
        _deposit(a, 1_000);
        _deposit(b, 1_000);
        _deposit(c, 1_000);
    }

    function _three(
        BatchSettlement.VoucherClaim memory x,
        BatchSettlement.VoucherClaim memory y,
        BatchSettlement.VoucherClaim memory z
    ) internal pure returns (BatchSettlement.VoucherClaim[] memory rows) {
        rows = new BatchSettlement.VoucherClaim[](3);
        rows[0] = x;
        rows[1] = y;
        rows[2] = z;
    }

    // ------------------------------------------------------------------ claim (direct)

    function test_claim_byReceiverRaisesTheClaimedTotals() public {
        bytes32 id = _id(a);
        vm.expectEmit(true, true, false, true, SETTLEMENT_ADDRESS);
        emit Claimed(id, RECEIVER, 300, 300);
        vm.prank(RECEIVER);
        settlement.claim(_rows(_row(a, 300, 300)));
        assertEq(_claimed(id), 300, "channel totalClaimed");
        assertEq(_balance(id), 1_000, "a claim moves no tokens");
        (uint128 claimed, uint128 settled) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 300, "receiver totalClaimed");
        assertEq(settled, 0, "receiver totalSettled");
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), 3_000, "escrow unchanged");
    }

    function test_claim_byReceiverAuthorizerToo() public {
        vm.prank(receiverAuthorizer);
        settlement.claim(_rows(_row(a, 300, 200)));
        assertEq(_claimed(_id(a)), 200, "claimed below the ceiling");
    }

    function test_claim_bySomeoneElseIsRefused() public {
        BatchSettlement.VoucherClaim[] memory rows = _rows(_row(a, 300, 300));
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotReceiverSide.selector, payer));
        vm.prank(payer);
        settlement.claim(rows);
    }

    function test_claim_emptyBatchIsRefused() public {
        BatchSettlement.VoucherClaim[] memory none = new BatchSettlement.VoucherClaim[](0);
        cheats.expectRevert(BatchSettlement.EmptyBatch.selector);
        vm.prank(RECEIVER);
        settlement.claim(none);
        cheats.expectRevert(BatchSettlement.EmptyBatch.selector);
        settlement.claimWithSignature(none, _batchSig(RECEIVER_AUTHORIZER_KEY, none));
    }

    // ------------------------------------------------------------------ voucher ceiling and balance

    function test_claim_neverAboveTheVoucherCeiling() public {
        bytes32 id = _id(a);
        vm.expectRevert(
            abi.encodeWithSelector(BatchSettlement.ClaimAboveVoucherCeiling.selector, id, uint128(301), uint128(300))
        );
        _claim(_row(a, 300, 301));
        _claim(_row(a, 300, 300));
        assertEq(_claimed(id), 300, "exactly the ceiling is allowed");
    }

    function test_claim_neverAboveTheChannelBalance() public {
        bytes32 id = _id(a);
        vm.expectRevert(
            abi.encodeWithSelector(BatchSettlement.ClaimAboveBalance.selector, id, uint128(1_001), uint128(1_000))
        );
        _claim(_row(a, 5_000, 1_001));
        _claim(_row(a, 5_000, 1_000));
        assertEq(_claimed(id), 1_000, "the whole balance may be claimed");
    }

    function test_claim_isCumulative_aReplayOrOlderVoucherChangesNothing() public {
        bytes32 id = _id(a);
        _claim(_row(a, 300, 300));
        cheats.recordLogs();
        _claim(_row(a, 300, 300)); // the same claim again
        _claim(_row(a, 200, 200)); // an older, lower voucher
        assertEq(_countLogs(cheats.getRecordedLogs(), Claimed.selector), 0, "no Claimed for a stale row");
        assertEq(_claimed(id), 300, "totalClaimed unchanged");
        (uint128 claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 300, "nothing double-counted for the receiver");
        _claim(_row(a, 500, 450));
        assertEq(_claimed(id), 450, "a newer voucher raises the total by the difference");
        (claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 450, "receiver total");
    }

    // ------------------------------------------------------------------ voucher signer

    function test_claim_payerAuthorizerSet_onlyItsSignatureCounts() public {
        _claim(_row(PAYER_AUTHORIZER_KEY, a, 300, 300));
        // The payer's own key is not the authorizer: refused.
        bytes32 id = _id(b);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, id));
        _claim(_row(PAYER_KEY, b, 300, 300));
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, id));
        _claim(_row(STRANGER_KEY, b, 300, 300));
    }

    function test_claim_voucherSignatureBindsTheCeiling() public {
        BatchSettlement.VoucherClaim memory row = _row(a, 300, 300);
        row.voucher.maxClaimableAmount = 900; // signed for 300
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(a)));
        _claim(row);
    }

    function test_claim_voucherSignatureBindsTheChannel() public {
        BatchSettlement.VoucherClaim memory row = _row(a, 300, 300);
        row.voucher.channel = b; // signed for channel a
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(b)));
        _claim(row);
    }

    function test_claim_zeroPayerAuthorizer_thePayerSigns() public {
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(4)));
        d.payerAuthorizer = address(0);
        _deposit(d, 1_000);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(d)));
        _claim(_row(PAYER_AUTHORIZER_KEY, d, 300, 300));
        _claim(_row(PAYER_KEY, d, 300, 300));
        assertEq(_claimed(_id(d)), 300, "payer-signed voucher claimed");
    }

    function test_claim_zeroPayerAuthorizer_smartWalletPayerSignsThroughErc1271() public {
        address owner = vm.addr(WALLET_OWNER_KEY);
        SmartWallet wallet = new SmartWallet(owner);
        usdc.mint(address(wallet), 10_000);
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(5)));
        d.payer = address(wallet);
        d.payerAuthorizer = address(0);
        // The wallet funds the channel with an ERC-1271 EIP-3009 authorization (its owner's signature).
        _depositSignedBy(WALLET_OWNER_KEY, d, 1_000);
        assertEq(_balance(_id(d)), 1_000, "smart wallet deposit");

        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(d)));
        _claim(_row(STRANGER_KEY, d, 300, 300));
        _claim(_row(WALLET_OWNER_KEY, d, 300, 300));
        assertEq(_claimed(_id(d)), 300, "ERC-1271 voucher claimed");
    }

    function test_claim_payerAuthorizerIsEcdsaOnly_contractSignaturesDoNotCount() public {
        // A contract as payerAuthorizer: its ERC-1271 approval is not consulted (spec: "ECDSA only").
        SmartWallet wallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(6)));
        d.payerAuthorizer = address(wallet);
        _deposit(d, 1_000);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(d)));
        _claim(_row(WALLET_OWNER_KEY, d, 300, 300));
    }

    function test_claim_malformedSignatureIsRefusedNotPanicking() public {
        BatchSettlement.VoucherClaim memory row = _row(a, 300, 300);
        row.signature = hex"1234";
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(a)));
        _claim(row);
    }

    // ------------------------------------------------------------------ claimWithSignature over many channels

    function test_claimWithSignature_manyChannelsInOneTransaction() public {
        BatchSettlement.VoucherClaim[] memory rows = _three(_row(a, 100, 100), _row(b, 250, 200), _row(c, 400, 400));
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        assertEq(settlement.getClaimBatchDigest(rows), _batchDigest(rows), "ClaimBatch digest");
        vm.prank(stranger); // relay-friendly: anyone submits
        settlement.claimWithSignature(rows, sig);
        assertEq(_claimed(_id(a)), 100, "a");
        assertEq(_claimed(_id(b)), 200, "b");
        assertEq(_claimed(_id(c)), 400, "c");
        (uint128 claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 700, "receiver total over the batch");
    }

    function test_claimWithSignature_oneInvalidRowRevertsTheWholeBatch() public {
        _claim(_row(b, 50, 50)); // some state before, to see that nothing moves
        // Row b: signed by a stranger. Nothing of the batch may apply.
        BatchSettlement.VoucherClaim[] memory rows =
            _three(_row(a, 100, 100), _row(STRANGER_KEY, b, 250, 200), _row(c, 400, 400));
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.InvalidVoucherSignature.selector, _id(b)));
        settlement.claimWithSignature(rows, sig);
        // Row c above its ceiling.
        rows = _three(_row(a, 100, 100), _row(b, 250, 200), _row(c, 400, 401));
        sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        vm.expectRevert(
            abi.encodeWithSelector(
                BatchSettlement.ClaimAboveVoucherCeiling.selector, _id(c), uint128(401), uint128(400)
            )
        );
        settlement.claimWithSignature(rows, sig);

        assertEq(_claimed(_id(a)), 0, "a untouched");
        assertEq(_claimed(_id(b)), 50, "b untouched");
        assertEq(_claimed(_id(c)), 0, "c untouched");
        (uint128 claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 50, "receiver total untouched");

        // The valid rows resubmitted without the bad one go through, counted once.
        BatchSettlement.VoucherClaim[] memory good = new BatchSettlement.VoucherClaim[](2);
        good[0] = _row(a, 100, 100);
        good[1] = _row(c, 400, 400);
        settlement.claimWithSignature(good, _batchSig(RECEIVER_AUTHORIZER_KEY, good));
        (claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 550, "receiver total after the good rows");
    }

    function test_claimWithSignature_aStaleRowInABatchIsSkipped() public {
        _claim(_row(b, 300, 300));
        BatchSettlement.VoucherClaim[] memory rows = _three(_row(a, 100, 100), _row(b, 200, 200), _row(c, 400, 400));
        cheats.recordLogs();
        settlement.claimWithSignature(rows, _batchSig(RECEIVER_AUTHORIZER_KEY, rows));
        assertEq(_countLogs(cheats.getRecordedLogs(), Claimed.selector), 2, "Claimed for a and c only");
        assertEq(_claimed(_id(b)), 300, "b kept its higher total");
        (uint128 claimed,) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 800, "receiver total");
    }

    function test_claimWithSignature_needsTheReceiverAuthorizer() public {
        BatchSettlement.VoucherClaim[] memory rows = _rows(_row(a, 100, 100));
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.claimWithSignature(rows, _batchSig(STRANGER_KEY, rows));
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.claimWithSignature(rows, _batchSig(PAYER_AUTHORIZER_KEY, rows));
    }

    function test_claimWithSignature_signatureCoversEveryRow() public {
        BatchSettlement.VoucherClaim[] memory rows = _three(_row(a, 400, 100), _row(b, 250, 200), _row(c, 400, 400));
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        rows[0].totalClaimed = 400; // within the voucher, but not what the authorizer signed
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.claimWithSignature(rows, sig);
        rows[0].totalClaimed = 100;
        (rows[1], rows[2]) = (rows[2], rows[1]); // order is part of the signed batch
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.claimWithSignature(rows, sig);
    }

    function test_claimWithSignature_allRowsShareOneReceiverAuthorizer() public {
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(7)));
        d.receiverAuthorizer = stranger;
        _deposit(d, 1_000);
        BatchSettlement.VoucherClaim[] memory rows = new BatchSettlement.VoucherClaim[](2);
        rows[0] = _row(a, 100, 100);
        rows[1] = _row(d, 100, 100);
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        cheats.expectRevert(BatchSettlement.MixedReceiverAuthorizers.selector);
        settlement.claimWithSignature(rows, sig);
    }

    function test_claimWithSignature_contractReceiverAuthorizerThroughErc1271() public {
        SmartWallet authorizerWallet = new SmartWallet(vm.addr(WALLET_OWNER_KEY));
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(8)));
        d.receiverAuthorizer = address(authorizerWallet);
        _deposit(d, 1_000);
        BatchSettlement.VoucherClaim[] memory rows = _rows(_row(d, 100, 100));
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.claimWithSignature(rows, _batchSig(STRANGER_KEY, rows));
        settlement.claimWithSignature(rows, _batchSig(WALLET_OWNER_KEY, rows));
        assertEq(_claimed(_id(d)), 100, "claimed with an ERC-1271 authorizer");
    }

    // ------------------------------------------------------------------ settle

    function test_settle_sweepsAllClaimsInOneTransfer() public {
        BatchSettlement.VoucherClaim[] memory rows = _three(_row(a, 100, 100), _row(b, 250, 200), _row(c, 400, 400));
        settlement.claimWithSignature(rows, _batchSig(RECEIVER_AUTHORIZER_KEY, rows));

        cheats.recordLogs();
        vm.prank(stranger); // permissionless
        settlement.settle(RECEIVER, address(usdc));
        BatchVm.Log[] memory logs = cheats.getRecordedLogs();
        assertEq(_countLogs(logs, Transfer.selector), 1, "one token transfer");
        assertEq(_countLogs(logs, Settled.selector), 1, "one Settled");
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].topics[0] == Settled.selector) {
                assertEq(logs[i].topics[1], bytes32(uint256(uint160(RECEIVER))), "Settled receiver");
                assertEq(logs[i].topics[2], bytes32(uint256(uint160(address(usdc)))), "Settled token");
                assertEq(logs[i].topics[3], bytes32(uint256(uint160(stranger))), "Settled sender");
                assertEq(abi.decode(logs[i].data, (uint128)), 700, "Settled amount");
            }
        }
        assertEq(usdc.balanceOf(RECEIVER), 700, "receiver paid");
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), 2_300, "escrow keeps the unclaimed rest");
        (uint128 claimed, uint128 settled) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(claimed, 700, "receiver totalClaimed");
        assertEq(settled, 700, "receiver totalSettled");
        // Channel accounting is untouched by settling: balance still includes the claimed part.
        assertEq(_balance(_id(a)), 1_000, "channel balance after settle");
        assertEq(_claimed(_id(a)), 100, "channel totalClaimed after settle");
    }

    function test_settle_withNothingToSettleDoesNothing() public {
        cheats.recordLogs();
        settlement.settle(RECEIVER, address(usdc));
        assertEq(cheats.getRecordedLogs().length, 0, "no event, no transfer");
        _claim(_row(a, 100, 100));
        settlement.settle(RECEIVER, address(usdc));
        cheats.recordLogs();
        settlement.settle(RECEIVER, address(usdc));
        assertEq(cheats.getRecordedLogs().length, 0, "a second settle finds nothing");
        assertEq(usdc.balanceOf(RECEIVER), 100, "paid once");
    }

    function test_settle_paysOnlyTheNewClaimsNextTime() public {
        _claim(_row(a, 100, 100));
        settlement.settle(RECEIVER, address(usdc));
        _claim(_row(a, 350, 350));
        settlement.settle(RECEIVER, address(usdc));
        assertEq(usdc.balanceOf(RECEIVER), 350, "receiver got the cumulative total, once");
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), 3_000 - 350, "escrow");
    }

    function test_settle_isPerReceiverAndToken() public {
        address otherReceiver = address(0xCAFE);
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(9)));
        d.receiver = otherReceiver;
        _deposit(d, 1_000);
        _claim(_row(a, 100, 100));
        _claim(_row(d, 200, 200));
        settlement.settle(RECEIVER, address(usdc));
        assertEq(usdc.balanceOf(RECEIVER), 100, "receiver");
        assertEq(usdc.balanceOf(otherReceiver), 0, "other receiver not yet");
        settlement.settle(otherReceiver, address(usdc));
        assertEq(usdc.balanceOf(otherReceiver), 200, "other receiver");
    }

    // ------------------------------------------------------------------ multicall (the SDK's refund path)

    function test_multicall_claimThenRefundInOneTransaction() public {
        bytes32 id = _id(a);
        BatchSettlement.VoucherClaim[] memory rows = _rows(_row(a, 300, 300));
        bytes[] memory calls = new bytes[](2);
        calls[0] = abi.encodeCall(settlement.claimWithSignature, (rows, _batchSig(RECEIVER_AUTHORIZER_KEY, rows)));
        calls[1] = abi.encodeCall(
            settlement.refundWithSignature, (a, 700, 0, _refundSig(RECEIVER_AUTHORIZER_KEY, id, 0, 700))
        );
        vm.prank(stranger);
        settlement.multicall(calls);
        assertEq(_claimed(id), 300, "claimed first");
        assertEq(_balance(id), 300, "refunded the rest");
        assertEq(settlement.refundNonce(id), 1, "nonce");
        assertEq(usdc.balanceOf(payer), PAYER_FUNDS - 3_000 + 700, "payer got the refund");
    }
}
