// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ISignatureTransfer} from "../../src/permit2/ISignatureTransfer.sol";
import {X402ExactPermit2Proxy} from "../../src/permit2/X402ExactPermit2Proxy.sol";
import {Permit2Fixture} from "./Permit2Fixture.sol";

/// Permit2's signature transfer: domain, nonce bitmap, deadline, amount and signer checks, called by
/// the spender the payer signed for (here the test contract acts as that spender).
contract Permit2Test is Permit2Fixture {
    string internal constant EXACT_WITNESS_TYPE_STRING =
        "Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,uint256 validAfter)";

    /// The witness transfer exactly as the exact proxy would submit it, but signed for this contract.
    function _transfer(ISignatureTransfer.PermitTransferFrom memory permit, uint256 requested, bytes memory signature)
        internal
    {
        bytes32 witnessHash = keccak256(abi.encode(EXACT_WITNESS_TYPEHASH, PAY_TO, uint256(0)));
        permit2.permitWitnessTransferFrom(
            permit,
            ISignatureTransfer.SignatureTransferDetails({to: PAY_TO, requestedAmount: requested}),
            payer,
            witnessHash,
            EXACT_WITNESS_TYPE_STRING,
            signature
        );
    }

    function _signedForMe(uint256 key, ISignatureTransfer.PermitTransferFrom memory permit)
        internal
        view
        returns (bytes memory)
    {
        bytes32 witnessHash = keccak256(abi.encode(EXACT_WITNESS_TYPEHASH, PAY_TO, uint256(0)));
        return _sign(key, _permitHash(EXACT_PERMIT_TYPEHASH, permit, address(this), witnessHash));
    }

    function test_domainSeparatorFollowsTheAddressAndChain() public {
        assertEq(permit2.DOMAIN_SEPARATOR(), _domainSeparator(), "domain at the canonical address");
        vm.chainId(8453);
        assertEq(permit2.DOMAIN_SEPARATOR(), _domainSeparator(), "domain after a chain id change");
    }

    function test_witnessTransferMovesTheRequestedAmountAndUsesTheNonce() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 0x1_05, NOW + 60);
        _transfer(permit, 400, _signedForMe(PAYER_KEY, permit));
        assertEq(token.balanceOf(PAY_TO), 400, "payTo balance");
        assertEq(token.balanceOf(payer), BALANCE - 400, "payer balance");
        assertEq(permit2.nonceBitmap(payer, 1), 1 << 5, "nonce word 1, bit 5");
    }

    function test_aUsedNonceReverts() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 7, NOW + 60);
        bytes memory signature = _signedForMe(PAYER_KEY, permit);
        _transfer(permit, 1000, signature);
        cheats.expectRevert(ISignatureTransfer.InvalidNonce.selector);
        _transfer(permit, 1000, signature);
    }

    function test_anInvalidatedNonceReverts() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 3, NOW + 60);
        bytes memory signature = _signedForMe(PAYER_KEY, permit);
        vm.prank(payer);
        permit2.invalidateUnorderedNonces(0, 1 << 3);
        cheats.expectRevert(ISignatureTransfer.InvalidNonce.selector);
        _transfer(permit, 1000, signature);
    }

    function test_thePermitIsValidUntilItsDeadlineInclusive() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        bytes memory signature = _signedForMe(PAYER_KEY, permit);
        vm.warp(NOW + 61);
        vm.expectRevert(abi.encodeWithSelector(ISignatureTransfer.SignatureExpired.selector, NOW + 60));
        _transfer(permit, 1000, signature);
        vm.warp(NOW + 60);
        _transfer(permit, 1000, signature);
        assertEq(token.balanceOf(PAY_TO), 1000, "paid at the deadline");
    }

    function test_moreThanPermittedReverts() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        bytes memory signature = _signedForMe(PAYER_KEY, permit);
        vm.expectRevert(abi.encodeWithSelector(ISignatureTransfer.InvalidAmount.selector, 1000));
        _transfer(permit, 1001, signature);
    }

    function test_anotherSignerReverts() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        _transfer(permit, 1000, _signedForMe(OTHER_KEY, permit));
    }

    function test_aSignatureForAnotherSpenderReverts() public {
        // Signed for the exact proxy, submitted by this contract: the spender in the digest differs.
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        bytes memory signature =
            _exactSignature(PAYER_KEY, permit, X402ExactPermit2Proxy.Witness({to: PAY_TO, validAfter: 0}));
        cheats.expectRevert(ISignatureTransfer.InvalidSigner.selector);
        _transfer(permit, 1000, signature);
    }

    function test_aCompactSignatureVerifies() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 9, NOW + 60);
        bytes memory full = _signedForMe(PAYER_KEY, permit);
        (bytes32 r, bytes32 s) = abi.decode(full, (bytes32, bytes32));
        uint8 v = uint8(full[64]);
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        _transfer(permit, 1000, abi.encodePacked(r, vs));
        assertEq(token.balanceOf(PAY_TO), 1000, "paid with an EIP-2098 signature");
    }

    function test_aBadSignatureLengthReverts() public {
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        cheats.expectRevert(ISignatureTransfer.InvalidSignatureLength.selector);
        _transfer(permit, 1000, hex"1234");
    }

    function test_withoutAllowanceTheTokenTransferReverts() public {
        vm.prank(payer);
        token.approve(PERMIT2_ADDRESS, 0);
        ISignatureTransfer.PermitTransferFrom memory permit = _permit(1000, 1, NOW + 60);
        bytes memory signature = _signedForMe(PAYER_KEY, permit);
        cheats.expectRevert();
        _transfer(permit, 1000, signature);
    }
}
