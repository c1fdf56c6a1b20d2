// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {FeeOnTransferUsdc} from "../src/FeeOnTransferUsdc.sol";
import {TestBase} from "./utils/TestBase.sol";

/// The fee-on-transfer token: an EIP-3009 settlement of it succeeds on chain, but payTo receives less
/// than the authorized value and no Transfer(from, payTo, value) is emitted.
contract FeeOnTransferUsdcTest is TestBase {
    bytes32 constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    uint256 constant NOW = 1_700_000_000;
    uint256 constant PAYER_KEY = 0xA11CE;
    address constant PAY_TO = address(0xFEE);
    address constant COLLECTOR = 0x000000000000000000000000000000000000FEE0;

    event Transfer(address indexed from, address indexed to, uint256 value);

    FeeOnTransferUsdc token;
    address payer;

    function setUp() public {
        vm.warp(NOW);
        token = new FeeOnTransferUsdc("Fee USDC", "1");
        payer = vm.addr(PAYER_KEY);
        token.mint(payer, 10_000_000);
    }

    function _pay(uint256 value, bytes32 nonce) internal {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Fee USDC"), keccak256("1"), block.chainid, address(token))
        );
        bytes32 structHash =
            keccak256(abi.encode(TRANSFER_TYPEHASH, payer, PAY_TO, value, NOW - 600, NOW + 60, nonce));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(PAYER_KEY, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        token.transferWithAuthorization(payer, PAY_TO, value, NOW - 600, NOW + 60, nonce, v, r, s);
    }

    function test_metadataAndFee() public view {
        assertEq(token.name(), "Fee USDC", "name");
        assertEq(token.version(), "1", "version");
        assertEq(token.FEE_COLLECTOR(), COLLECTOR, "collector");
        assertEq(token.feeOf(1000), 10, "1% of 1000");
        assertEq(token.feeOf(1), 1, "rounded up to one unit");
        assertEq(token.feeOf(0), 0, "nothing on nothing");
    }

    function test_mintCarriesNoFee() public view {
        assertEq(token.balanceOf(payer), 10_000_000, "minted in full");
        assertEq(token.balanceOf(COLLECTOR), 0, "no fee on mint");
    }

    function test_authorizedTransferDivertsTheFee() public {
        vm.expectEmit(true, true, false, true, address(token));
        emit Transfer(payer, PAY_TO, 990);
        vm.expectEmit(true, true, false, true, address(token));
        emit Transfer(payer, COLLECTOR, 10);
        _pay(1000, bytes32(uint256(1)));
        assertEq(token.balanceOf(PAY_TO), 990, "payTo gets the value less the fee");
        assertEq(token.balanceOf(COLLECTOR), 10, "the collector gets the fee");
        assertEq(token.balanceOf(payer), 10_000_000 - 1000, "the payer pays the whole value");
        assertTrue(token.authorizationState(payer, bytes32(uint256(1))), "nonce used");
    }

    function test_plainTransferDivertsTheFee() public {
        vm.prank(payer);
        token.transfer(PAY_TO, 1);
        assertEq(token.balanceOf(PAY_TO), 0, "a one-unit transfer is all fee");
        assertEq(token.balanceOf(COLLECTOR), 1, "fee");
    }
}
