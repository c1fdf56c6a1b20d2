// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BatchSettlement} from "../../src/batch/BatchSettlement.sol";
import {SmartWallet} from "../../src/SmartWallet.sol";
import {BatchFixture, BatchVm} from "./BatchFixture.sol";

/// Cooperative refunds (direct and signed, with the refund nonce) and the payer's timed withdrawal
/// (scheme_batch_settlement_evm.md "Refund and withdrawal", "Channel lifecycle events").
contract BatchRefundWithdrawTest is BatchFixture {
    event ChannelCreated(bytes32 indexed channelId, BatchSettlement.ChannelConfig config);
    event ChannelClosed(bytes32 indexed channelId, BatchSettlement.ChannelConfig config);
    event Refunded(bytes32 indexed channelId, address indexed sender, uint128 amount);
    event WithdrawInitiated(bytes32 indexed channelId, uint128 amount, uint40 finalizeAfter);
    event WithdrawFinalized(bytes32 indexed channelId, address indexed sender, uint128 amount);

    BatchSettlement.ChannelConfig cfg;
    bytes32 id;

    function setUp() public override {
        super.setUp();
        cfg = _config();
        id = _id(cfg);
        _deposit(cfg, 1_000);
    }

    function _payerFunds() internal view returns (uint256) {
        return usdc.balanceOf(payer);
    }

    // ------------------------------------------------------------------ refund (direct)

    function test_refund_byReceiverReturnsUnclaimedEscrow() public {
        uint256 before = _payerFunds();
        vm.expectEmit(true, true, false, true, SETTLEMENT_ADDRESS);
        emit Refunded(id, RECEIVER, 400);
        vm.prank(RECEIVER);
        settlement.refund(cfg, 400);
        assertEq(_payerFunds(), before + 400, "payer refunded");
        assertEq(_balance(id), 600, "balance");
        assertEq(settlement.refundNonce(id), 1, "nonce advanced");
        vm.prank(receiverAuthorizer);
        settlement.refund(cfg, 100);
        assertEq(_balance(id), 500, "the receiver authorizer may refund too");
        assertEq(settlement.refundNonce(id), 2, "nonce advanced again");
    }

    function test_refund_bySomeoneElseIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotReceiverSide.selector, payer));
        vm.prank(payer);
        settlement.refund(cfg, 400);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotReceiverSide.selector, payerAuthorizer));
        vm.prank(payerAuthorizer);
        settlement.refund(cfg, 400);
    }

    function test_refund_ofZeroIsRefused() public {
        cheats.expectRevert(BatchSettlement.ZeroAmount.selector);
        vm.prank(RECEIVER);
        settlement.refund(cfg, 0);
        assertEq(settlement.refundNonce(id), 0, "a refused refund does not use the nonce");
    }

    function test_refund_neverTakesClaimedFunds() public {
        _claim(_row(cfg, 300, 300));
        uint256 before = _payerFunds();
        vm.prank(RECEIVER);
        settlement.refund(cfg, 5_000); // more than everything: capped at the unclaimed 700
        assertEq(_payerFunds(), before + 700, "payer gets only the unclaimed part");
        assertEq(_balance(id), 300, "balance keeps the claimed part");
        assertEq(_claimed(id), 300, "claimed total untouched");
        settlement.settle(RECEIVER, address(usdc));
        assertEq(usdc.balanceOf(RECEIVER), 300, "receiver still settles every claimed unit");
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), 0, "escrow empty, nothing lost");
    }

    function test_refund_withNothingUnclaimedMovesNothingButAdvancesTheNonce() public {
        _claim(_row(cfg, 1_000, 1_000));
        uint256 before = _payerFunds();
        cheats.recordLogs();
        vm.prank(RECEIVER);
        settlement.refund(cfg, 10);
        assertEq(_countLogs(cheats.getRecordedLogs(), Refunded.selector), 0, "no Refunded");
        assertEq(_payerFunds(), before, "no tokens moved");
        assertEq(settlement.refundNonce(id), 1, "nonce advanced anyway");
    }

    function test_refund_fullWithNothingClaimedClosesTheChannel_andItCanBeReopened() public {
        vm.expectEmit(true, false, false, true, SETTLEMENT_ADDRESS);
        emit ChannelClosed(id, cfg);
        vm.prank(RECEIVER);
        settlement.refund(cfg, 1_000);
        assertEq(_balance(id), 0, "balance");
        vm.expectEmit(true, false, false, true, SETTLEMENT_ADDRESS);
        emit ChannelCreated(id, cfg);
        _deposit(cfg, 50);
        assertEq(_balance(id), 50, "reused channel");
    }

    function test_refund_ofEverythingUnclaimedAfterClaimsDoesNotClose() public {
        _claim(_row(cfg, 300, 300));
        cheats.recordLogs();
        vm.prank(RECEIVER);
        settlement.refund(cfg, 700);
        assertEq(_countLogs(cheats.getRecordedLogs(), ChannelClosed.selector), 0, "no ChannelClosed with claims");
    }

    // ------------------------------------------------------------------ refundWithSignature and its nonce

    function test_refundWithSignature_relayedByAnyone() public {
        bytes memory sig = _refundSig(RECEIVER_AUTHORIZER_KEY, id, 0, 400);
        assertEq(
            settlement.getRefundDigest(id, 0, 400),
            _typed(keccak256(abi.encode(REFUND_TYPEHASH_, id, uint256(0), uint128(400)))),
            "Refund digest"
        );
        uint256 before = _payerFunds();
        vm.prank(stranger);
        settlement.refundWithSignature(cfg, 400, 0, sig);
        assertEq(_payerFunds(), before + 400, "payer refunded");
        assertEq(settlement.refundNonce(id), 1, "nonce");
    }

    function test_refundWithSignature_staleNonceIsRefused() public {
        bytes memory first = _refundSig(RECEIVER_AUTHORIZER_KEY, id, 0, 100);
        settlement.refundWithSignature(cfg, 100, 0, first);
        // Replaying the same signed refund: its nonce is now stale.
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.StaleRefundNonce.selector, uint256(0), uint256(1)));
        settlement.refundWithSignature(cfg, 100, 0, first);
        // A nonce from the future is refused too.
        bytes memory ahead = _refundSig(RECEIVER_AUTHORIZER_KEY, id, 2, 100);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.StaleRefundNonce.selector, uint256(2), uint256(1)));
        settlement.refundWithSignature(cfg, 100, 2, ahead);
        assertEq(_balance(id), 900, "only the first refund happened");
    }

    function test_refundWithSignature_aDirectRefundInvalidatesPresignedOnes() public {
        bytes memory presigned = _refundSig(RECEIVER_AUTHORIZER_KEY, id, 0, 100);
        vm.prank(RECEIVER);
        settlement.refund(cfg, 1);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.StaleRefundNonce.selector, uint256(0), uint256(1)));
        settlement.refundWithSignature(cfg, 100, 0, presigned);
    }

    function test_refundWithSignature_bindsAmountChannelAndSigner() public {
        bytes memory sig = _refundSig(RECEIVER_AUTHORIZER_KEY, id, 0, 100);
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.refundWithSignature(cfg, 200, 0, sig); // amount differs from the signed one
        BatchSettlement.ChannelConfig memory other = _config(bytes32(uint256(1)));
        _deposit(other, 1_000);
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.refundWithSignature(other, 100, 0, sig); // signed for another channel
        cheats.expectRevert(BatchSettlement.InvalidAuthorizerSignature.selector);
        settlement.refundWithSignature(cfg, 100, 0, _refundSig(PAYER_KEY, id, 0, 100)); // not the authorizer
        assertEq(settlement.refundNonce(id), 0, "refused refunds leave the nonce");
    }

    function test_refundWithSignature_contractReceiverAuthorizer() public {
        uint256 ownerKey = 0x0A11E7;
        SmartWallet wallet = new SmartWallet(vm.addr(ownerKey));
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(2)));
        d.receiverAuthorizer = address(wallet);
        _deposit(d, 1_000);
        settlement.refundWithSignature(d, 250, 0, _refundSig(ownerKey, _id(d), 0, 250));
        assertEq(_balance(_id(d)), 750, "refunded through an ERC-1271 authorizer");
    }

    // ------------------------------------------------------------------ timed withdrawal

    function test_initiateWithdraw_byPayerOrPayerAuthorizerOnly() public {
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotPayerSide.selector, RECEIVER));
        vm.prank(RECEIVER);
        settlement.initiateWithdraw(cfg, 100);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotPayerSide.selector, stranger));
        vm.prank(stranger);
        settlement.initiateWithdraw(cfg, 100);

        vm.expectEmit(true, false, false, true, SETTLEMENT_ADDRESS);
        emit WithdrawInitiated(id, 100, uint40(NOW) + DELAY);
        vm.prank(payerAuthorizer);
        settlement.initiateWithdraw(cfg, 100);
        (uint128 amount, uint40 initiatedAt) = _pending(id);
        assertEq(amount, 100, "pending amount");
        assertEq(initiatedAt, NOW, "initiatedAt (the snapshot's withdrawRequestedAt)");
    }

    function test_initiateWithdraw_zeroPayerAuthorizerDoesNotLetTheZeroAddressIn() public {
        BatchSettlement.ChannelConfig memory d = _config(bytes32(uint256(3)));
        d.payerAuthorizer = address(0);
        _deposit(d, 1_000);
        vm.prank(payer);
        settlement.initiateWithdraw(d, 100);
        (uint128 amount,) = _pending(_id(d));
        assertEq(amount, 100, "payer initiated");
    }

    function test_initiateWithdraw_atMostTheUnclaimedEscrow() public {
        _claim(_row(cfg, 300, 300));
        vm.expectRevert(
            abi.encodeWithSelector(BatchSettlement.WithdrawAboveUnclaimed.selector, uint128(701), uint128(700))
        );
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 701);
        cheats.expectRevert(BatchSettlement.ZeroAmount.selector);
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 0);
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 700);
        cheats.expectRevert(BatchSettlement.WithdrawalAlreadyPending.selector);
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 1);
    }

    function test_finalizeWithdraw_notBeforeTheDelay() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 400);
        vm.warp(NOW + DELAY - 1);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.WithdrawDelayNotElapsed.selector, NOW + DELAY));
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);

        vm.warp(NOW + DELAY);
        uint256 before = _payerFunds();
        vm.expectEmit(true, true, false, true, SETTLEMENT_ADDRESS);
        emit WithdrawFinalized(id, payer, 400);
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        assertEq(_payerFunds(), before + 400, "payer withdrew");
        assertEq(_balance(id), 600, "balance");
        (uint128 amount, uint40 initiatedAt) = _pending(id);
        assertEq(amount, 0, "pending cleared");
        assertEq(initiatedAt, 0, "withdrawRequestedAt back to 0");
    }

    function test_finalizeWithdraw_byPayerAuthorizer_paysThePayer() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 400);
        vm.warp(NOW + DELAY);
        uint256 before = _payerFunds();
        vm.prank(payerAuthorizer);
        settlement.finalizeWithdraw(cfg);
        assertEq(_payerFunds(), before + 400, "funds go to the payer, not the authorizer");
        assertEq(usdc.balanceOf(payerAuthorizer), 0, "authorizer got nothing");
    }

    function test_finalizeWithdraw_needsAPendingWithdrawalAndThePayerSide() public {
        cheats.expectRevert(BatchSettlement.NoWithdrawalPending.selector);
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 400);
        vm.warp(NOW + DELAY);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.NotPayerSide.selector, RECEIVER));
        vm.prank(RECEIVER);
        settlement.finalizeWithdraw(cfg);
    }

    function test_withdrawal_claimsDuringTheDelayWin() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 1_000); // everything, nothing claimed yet
        vm.warp(NOW + DELAY - 1);
        _claim(_row(cfg, 600, 600)); // the server claims while the withdrawal is pending
        vm.warp(NOW + DELAY);
        uint256 before = _payerFunds();
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        assertEq(_payerFunds(), before + 400, "withdrawal capped at what is still unclaimed");
        assertEq(_balance(id), 600, "claimed funds stay");
        settlement.settle(RECEIVER, address(usdc));
        assertEq(usdc.balanceOf(RECEIVER), 600, "receiver settles its claim in full");
    }

    function test_withdrawal_afterFinalizeOlderVouchersCannotBeClaimed() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 1_000);
        vm.warp(NOW + DELAY);
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        vm.expectRevert(
            abi.encodeWithSelector(BatchSettlement.ClaimAboveBalance.selector, id, uint128(300), uint128(0))
        );
        _claim(_row(cfg, 300, 300));
    }

    function test_withdrawal_drainingAnUnclaimedChannelClosesIt() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 1_000);
        vm.warp(NOW + DELAY);
        vm.expectEmit(true, false, false, true, SETTLEMENT_ADDRESS);
        emit ChannelClosed(id, cfg);
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        assertEq(_balance(id), 0, "empty");
    }

    function test_withdrawal_refundShrinksOrCancelsThePendingWithdrawal() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 600);
        vm.prank(RECEIVER);
        settlement.refund(cfg, 200);
        (uint128 amount, uint40 initiatedAt) = _pending(id);
        assertEq(amount, 400, "pending reduced by the refund");
        assertEq(initiatedAt, NOW, "still pending");
        vm.prank(RECEIVER);
        settlement.refund(cfg, 400);
        (amount, initiatedAt) = _pending(id);
        assertEq(amount, 0, "covered: cancelled");
        assertEq(initiatedAt, 0, "withdrawRequestedAt cleared");
        assertEq(_balance(id), 400, "balance after both refunds");
    }

    function test_withdrawal_canRestartAfterFinalize() public {
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 100);
        vm.warp(NOW + DELAY);
        vm.prank(payer);
        settlement.finalizeWithdraw(cfg);
        vm.prank(payer);
        settlement.initiateWithdraw(cfg, 100);
        (, uint40 initiatedAt) = _pending(id);
        assertEq(initiatedAt, NOW + DELAY, "a new withdrawal starts now");
    }
}
