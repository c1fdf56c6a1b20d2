// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Erc20Token} from "../../src/Erc20Token.sol";
import {ISignatureTransfer} from "../../src/permit2/ISignatureTransfer.sol";
import {Permit2} from "../../src/permit2/Permit2.sol";
import {X402ExactPermit2Proxy} from "../../src/permit2/X402ExactPermit2Proxy.sol";
import {X402UptoPermit2Proxy} from "../../src/permit2/X402UptoPermit2Proxy.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice The cheatcodes these tests need beyond TestBase's (same cheatcode address).
interface Permit2Vm {
    function expectRevert(bytes4 revertData) external;
    function expectRevert() external;
}

/// @notice Permit2 and both x402 proxies at their canonical addresses (runtime code moved there, as
/// the devnet does), a plain ERC-20 the payer approved Permit2 for, and EIP-712 digests computed here
/// from the spec's types (scheme_exact_evm.md §2, scheme_upto_evm.md §1), never read from the contracts.
abstract contract Permit2Fixture is TestBase {
    Permit2Vm internal constant cheats = Permit2Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal constant PERMIT2_ADDRESS = 0x000000000022D473030F116dDEE9F6B43aC78BA3;
    address internal constant EXACT_PROXY_ADDRESS = 0x402085c248EeA27D92E8b30b2C58ed07f9E20001;
    address internal constant UPTO_PROXY_ADDRESS = 0x4020A4f3b7b90ccA423B9fabCc0CE57C6C240002;

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,uint256 chainId,address verifyingContract)");
    bytes32 internal constant TOKEN_PERMISSIONS_TYPEHASH = keccak256("TokenPermissions(address token,uint256 amount)");
    bytes32 internal constant EXACT_PERMIT_TYPEHASH = keccak256(
        "PermitWitnessTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,uint256 validAfter)"
    );
    bytes32 internal constant EXACT_WITNESS_TYPEHASH = keccak256("Witness(address to,uint256 validAfter)");
    bytes32 internal constant UPTO_PERMIT_TYPEHASH = keccak256(
        "PermitWitnessTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,Witness witness)TokenPermissions(address token,uint256 amount)Witness(address to,address facilitator,uint256 validAfter)"
    );
    bytes32 internal constant UPTO_WITNESS_TYPEHASH =
        keccak256("Witness(address to,address facilitator,uint256 validAfter)");

    uint256 internal constant NOW = 1_700_000_000;
    uint256 internal constant PAYER_KEY = 0xA11CE;
    uint256 internal constant OTHER_KEY = 0xB0B0;
    address internal constant PAY_TO = address(0xFEE);
    address internal constant FACILITATOR = address(0xFAC);
    uint256 internal constant BALANCE = 10_000_000;

    Erc20Token internal token;
    Permit2 internal permit2;
    X402ExactPermit2Proxy internal exactProxy;
    X402UptoPermit2Proxy internal uptoProxy;
    address internal payer;

    function setUp() public virtual {
        vm.warp(NOW);
        vm.etch(PERMIT2_ADDRESS, address(new Permit2()).code);
        permit2 = Permit2(PERMIT2_ADDRESS);
        vm.etch(EXACT_PROXY_ADDRESS, address(new X402ExactPermit2Proxy(PERMIT2_ADDRESS)).code);
        exactProxy = X402ExactPermit2Proxy(EXACT_PROXY_ADDRESS);
        vm.etch(UPTO_PROXY_ADDRESS, address(new X402UptoPermit2Proxy(PERMIT2_ADDRESS)).code);
        uptoProxy = X402UptoPermit2Proxy(UPTO_PROXY_ADDRESS);
        token = new Erc20Token();
        payer = vm.addr(PAYER_KEY);
        token.mint(payer, BALANCE);
        vm.prank(payer);
        token.approve(PERMIT2_ADDRESS, type(uint256).max);
    }

    function _domainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Permit2"), block.chainid, PERMIT2_ADDRESS));
    }

    function _permit(uint256 amount, uint256 nonce, uint256 deadline)
        internal
        view
        returns (ISignatureTransfer.PermitTransferFrom memory)
    {
        return ISignatureTransfer.PermitTransferFrom({
            permitted: ISignatureTransfer.TokenPermissions({token: address(token), amount: amount}),
            nonce: nonce,
            deadline: deadline
        });
    }

    function _sign(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _permitHash(
        bytes32 typehash,
        ISignatureTransfer.PermitTransferFrom memory permit,
        address spender,
        bytes32 witnessHash
    ) internal pure returns (bytes32) {
        bytes32 permitted =
            keccak256(abi.encode(TOKEN_PERMISSIONS_TYPEHASH, permit.permitted.token, permit.permitted.amount));
        return keccak256(abi.encode(typehash, permitted, spender, permit.nonce, permit.deadline, witnessHash));
    }

    function _exactSignature(
        uint256 key,
        ISignatureTransfer.PermitTransferFrom memory permit,
        X402ExactPermit2Proxy.Witness memory witness
    ) internal view returns (bytes memory) {
        bytes32 witnessHash = keccak256(abi.encode(EXACT_WITNESS_TYPEHASH, witness.to, witness.validAfter));
        return _sign(key, _permitHash(EXACT_PERMIT_TYPEHASH, permit, EXACT_PROXY_ADDRESS, witnessHash));
    }

    function _uptoSignature(
        uint256 key,
        ISignatureTransfer.PermitTransferFrom memory permit,
        X402UptoPermit2Proxy.Witness memory witness
    ) internal view returns (bytes memory) {
        bytes32 witnessHash =
            keccak256(abi.encode(UPTO_WITNESS_TYPEHASH, witness.to, witness.facilitator, witness.validAfter));
        return _sign(key, _permitHash(UPTO_PERMIT_TYPEHASH, permit, UPTO_PROXY_ADDRESS, witnessHash));
    }
}
