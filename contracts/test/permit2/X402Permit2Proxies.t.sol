// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISignatureTransfer} from "../../src/permit2/ISignatureTransfer.sol";
import {X402ExactPermit2Proxy} from "../../src/permit2/X402ExactPermit2Proxy.sol";
import {X402Permit2ProxyBase} from "../../src/permit2/X402Permit2ProxyBase.sol";
import {X402UptoPermit2Proxy} from "../../src/permit2/X402UptoPermit2Proxy.sol";
import {Permit2Fixture} from "./Permit2Fixture.sol";

/// The exact and upto proxies: recipient binding, time bounds, the upto maximum and facilitator
/// binding, single use (scheme_exact_evm.md §2; scheme_upto.md "Core Properties"; scheme_upto_evm.md §1).
contract X402Permit2ProxiesTest is Permit2Fixture {
    event Settled();

    function _exactWitness(address to, uint256 validAfter)
        internal
        pure
        returns (X402ExactPermit2Proxy.Witness memory)
    {
        return X402ExactPermit2Proxy.Witness({to: to, validAfter: validAfter});
    }

    function _uptoWitness(address facilitator) internal pure returns (X402UptoPermit2Proxy.Witness memory) {
        return X402UptoPermit2Proxy.Witness({to: PAY_TO, facilitator: facilitator, validAfter: 0});
    }

    function test_exposesTheSdkConstants() public view {
        assertEq(address(exactProxy.PERMIT2()), PERMIT2_ADDRESS, "exact PERMIT2");
        assertEq(address(uptoProxy.PERMIT2()), PERMIT2_ADDRESS, "upto PERMIT2");
        assertEq(exactProxy.WITNESS_TYPEHASH(), EXACT_WITNESS_TYPEHASH, "exact witness typehash");
        assertEq(uptoProxy.WITNESS_TYPEHASH(), UPTO_WITNESS_TYPEHASH, "upto witness typehash");
    }

    // ------------------------------------------------------------------ exact

    function test_exactSettlesThePermittedAmountToTheWitnessRecipient() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 11, NOW + 60);
        X402ExactPermit2Proxy.Witness memory witness = _exactWitness(PAY_TO, NOW - 10);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, witness);
        vm.expectEmit(false, false, false, false, EXACT_PROXY_ADDRESS);
        emit Settled();
        vm.prank(FACILITATOR); // anyone may submit an exact settlement
        exactProxy.settle(permit, payer, witness, signature);
        assertEq(token.balanceOf(PAY_TO), 2500, "payTo balance");
        assertEq(token.balanceOf(payer), BALANCE - 2500, "payer balance");
    }

    function test_exactRefusesAnotherRecipient() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 11, NOW + 60);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        exactProxy.settle(permit, payer, _exactWitness(address(0xBAD), 0), signature);
    }

    function test_exactRefusesAnAlteredAmount() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 11, NOW + 60);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        permit.permitted.amount = 2499;
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        exactProxy.settle(permit, payer, _exactWitness(PAY_TO, 0), signature);
    }

    function test_exactRefusesBeforeValidAfter() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 11, NOW + 60);
        X402ExactPermit2Proxy.Witness memory witness = _exactWitness(PAY_TO, NOW + 5);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, witness);
        cheats.expectRevert(X402Permit2ProxyBase.PaymentTooEarly.selector);
        exactProxy.settle(permit, payer, witness, signature);
    }

    function test_exactIsSingleUse() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 11, NOW + 60);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        exactProxy.settle(permit, payer, _exactWitness(PAY_TO, 0), signature);
        cheats.expectRevert(ISignatureTransfer.InvalidNonce.selector);
        exactProxy.settle(permit, payer, _exactWitness(PAY_TO, 0), signature);
    }

    function test_exactRefusesAZeroAmount() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(0, 11, NOW + 60);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        cheats.expectRevert(X402Permit2ProxyBase.InvalidAmount.selector);
        exactProxy.settle(permit, payer, _exactWitness(PAY_TO, 0), signature);
    }

    function test_exactSettleWithPermitFallsBackToTheAllowance() public {
        // The plain token has no EIP-2612: the permit fails, the existing allowance pays.
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(2500, 12, NOW + 60);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        X402Permit2ProxyBase.EIP2612Permit memory none =
            X402Permit2ProxyBase.EIP2612Permit({value: 2500, deadline: NOW + 60, r: 0, s: 0, v: 27});
        exactProxy.settleWithPermit(none, permit, payer, _exactWitness(PAY_TO, 0), signature);
        assertEq(token.balanceOf(PAY_TO), 2500, "payTo balance");
        none.value = 1;
        permit.nonce = 13;
        signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        cheats.expectRevert(X402Permit2ProxyBase.Permit2612AmountMismatch.selector);
        exactProxy.settleWithPermit(none, permit, payer, _exactWitness(PAY_TO, 0), signature);
    }

    // ------------------------------------------------------------------ upto

    function test_uptoSettlesAPartialAmountOnce() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 21, NOW + 300);
        X402UptoPermit2Proxy.Witness memory witness = _uptoWitness(FACILITATOR);
        bytes memory signature = _uptoSignature(PAYER_KEY, permit, witness);
        vm.prank(FACILITATOR);
        uptoProxy.settle(permit, 1858, payer, witness, signature);
        assertEq(token.balanceOf(PAY_TO), 1858, "payTo got the used amount");
        assertEq(token.balanceOf(payer), BALANCE - 1858, "payer lost the used amount only");
        vm.prank(FACILITATOR);
        cheats.expectRevert(ISignatureTransfer.InvalidNonce.selector);
        uptoProxy.settle(permit, 1, payer, witness, signature);
    }

    function test_uptoSettlesTheFullMaximum() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 22, NOW + 300);
        X402UptoPermit2Proxy.Witness memory witness = _uptoWitness(FACILITATOR);
        bytes memory signature = _uptoSignature(PAYER_KEY, permit, witness);
        vm.prank(FACILITATOR);
        uptoProxy.settle(permit, 20_000, payer, witness, signature);
        assertEq(token.balanceOf(PAY_TO), 20_000, "payTo balance");
    }

    function test_uptoRefusesMoreThanTheMaximum() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 23, NOW + 300);
        X402UptoPermit2Proxy.Witness memory witness = _uptoWitness(FACILITATOR);
        bytes memory signature = _uptoSignature(PAYER_KEY, permit, witness);
        vm.prank(FACILITATOR);
        cheats.expectRevert(X402UptoPermit2Proxy.AmountExceedsPermitted.selector);
        uptoProxy.settle(permit, 20_001, payer, witness, signature);
    }

    function test_uptoRefusesAnotherFacilitator() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 24, NOW + 300);
        X402UptoPermit2Proxy.Witness memory witness = _uptoWitness(FACILITATOR);
        bytes memory signature = _uptoSignature(PAYER_KEY, permit, witness);
        vm.prank(address(0xBAD));
        cheats.expectRevert(X402UptoPermit2Proxy.UnauthorizedFacilitator.selector);
        uptoProxy.settle(permit, 100, payer, witness, signature);
        // Naming itself in the witness does not help: the payer signed the other facilitator.
        vm.prank(address(0xBAD));
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        uptoProxy.settle(permit, 100, payer, _uptoWitness(address(0xBAD)), signature);
    }

    function test_uptoRefusesAZeroSettlement() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 25, NOW + 300);
        X402UptoPermit2Proxy.Witness memory witness = _uptoWitness(FACILITATOR);
        bytes memory signature = _uptoSignature(PAYER_KEY, permit, witness);
        vm.prank(FACILITATOR);
        cheats.expectRevert(X402Permit2ProxyBase.InvalidAmount.selector);
        uptoProxy.settle(permit, 0, payer, witness, signature);
    }

    function test_uptoRefusesAnExactSignature() public {
        // An exact-proxy signature has another witness type and spender: it never settles upto.
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(20_000, 26, NOW + 300);
        bytes memory signature = _exactSignature(PAYER_KEY, permit, _exactWitness(PAY_TO, 0));
        vm.prank(FACILITATOR);
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        uptoProxy.settle(permit, 100, payer, _uptoWitness(FACILITATOR), signature);
    }
}
