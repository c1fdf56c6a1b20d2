// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Multicall3} from "../src/Multicall3.sol";
import {Usdc} from "../src/Usdc.sol";
import {TestBase} from "./utils/TestBase.sol";

/// Receives ether and reports what it got, so aggregate3Value can be checked.
contract Till {
    function deposit() external payable returns (uint256) {
        return msg.value;
    }
}

contract Multicall3Test is TestBase {
    address constant CANONICAL = 0xcA11bde05977b3631167028862bE2a173976CA11;

    Multicall3 multicall;
    Usdc usdc;

    function setUp() public {
        // Tested where the devnet puts it: runtime code copied to the canonical address.
        vm.etch(CANONICAL, address(new Multicall3()).code);
        multicall = Multicall3(CANONICAL);
        usdc = new Usdc("USDC", "2");
        usdc.mint(address(0xA), 42);
    }

    function _balanceOf(address who) internal pure returns (bytes memory) {
        return abi.encodeWithSignature("balanceOf(address)", who);
    }

    function _failingCall() internal pure returns (bytes memory) {
        // A nonce that was never used, with a garbage signature: reverts in the token.
        return abi.encodeWithSignature(
            "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)",
            address(0xA),
            address(0xB),
            1,
            0,
            type(uint256).max,
            bytes32(0),
            hex"00"
        );
    }

    function test_aggregate3_allowFailureKeepsGoing() public {
        Multicall3.Call3[] memory calls = new Multicall3.Call3[](3);
        calls[0] = Multicall3.Call3(address(usdc), false, _balanceOf(address(0xA)));
        calls[1] = Multicall3.Call3(address(usdc), true, _failingCall());
        calls[2] = Multicall3.Call3(address(usdc), false, abi.encodeWithSignature("name()"));

        Multicall3.Result[] memory results = multicall.aggregate3(calls);

        assertEq(results.length, 3, "result count");
        assertTrue(results[0].success, "balanceOf succeeded");
        assertEq(abi.decode(results[0].returnData, (uint256)), 42, "balanceOf value");
        assertTrue(!results[1].success, "failing call reported as failed");
        assertEq(
            results[1].returnData,
            abi.encodeWithSignature("Error(string)", "FiatTokenV2: invalid signature"),
            "revert data of the failing call"
        );
        assertTrue(results[2].success, "name succeeded");
        assertEq(abi.decode(results[2].returnData, (string)), "USDC", "name value");
    }

    function test_aggregate3_revertsWhenFailureNotAllowed() public {
        Multicall3.Call3[] memory calls = new Multicall3.Call3[](1);
        calls[0] = Multicall3.Call3(address(usdc), false, _failingCall());
        vm.expectRevert(bytes("Multicall3: call failed"));
        multicall.aggregate3(calls);
    }

    function test_aggregate_and_tryAggregate() public {
        Multicall3.Call[] memory calls = new Multicall3.Call[](2);
        calls[0] = Multicall3.Call(address(usdc), _balanceOf(address(0xA)));
        calls[1] = Multicall3.Call(address(usdc), abi.encodeWithSignature("decimals()"));
        (uint256 blockNumber, bytes[] memory data) = multicall.aggregate(calls);
        assertEq(blockNumber, block.number, "block number");
        assertEq(abi.decode(data[0], (uint256)), 42, "balance");
        assertEq(abi.decode(data[1], (uint8)), 6, "decimals");

        calls[1] = Multicall3.Call(address(usdc), _failingCall());
        vm.expectRevert(bytes("Multicall3: call failed"));
        multicall.aggregate(calls);

        Multicall3.Result[] memory results = multicall.tryAggregate(false, calls);
        assertTrue(results[0].success && !results[1].success, "tryAggregate outcomes");

        (uint256 number, bytes32 hash, Multicall3.Result[] memory blockResults) =
            multicall.tryBlockAndAggregate(false, calls);
        assertEq(number, block.number, "tryBlockAndAggregate block number");
        assertEq(hash, blockhash(block.number), "tryBlockAndAggregate block hash");
        assertEq(blockResults.length, 2, "tryBlockAndAggregate results");

        vm.expectRevert(bytes("Multicall3: call failed"));
        multicall.blockAndAggregate(calls);
    }

    function test_aggregate3Value() public {
        Till till = new Till();
        Multicall3.Call3Value[] memory calls = new Multicall3.Call3Value[](2);
        calls[0] = Multicall3.Call3Value(address(till), false, 3, abi.encodeWithSignature("deposit()"));
        calls[1] = Multicall3.Call3Value(address(till), false, 4, abi.encodeWithSignature("deposit()"));

        // More ether than the calls use: every call succeeds, then the sum check fails.
        vm.expectRevert(bytes("Multicall3: value mismatch"));
        multicall.aggregate3Value{value: 8}(calls);

        Multicall3.Result[] memory results = multicall.aggregate3Value{value: 7}(calls);
        assertEq(abi.decode(results[1].returnData, (uint256)), 4, "value forwarded");
        assertEq(address(till).balance, 7, "till balance");
    }

    function test_blockGetters() public {
        vm.chainId(84532);
        vm.warp(1_700_000_123);
        assertEq(multicall.getChainId(), 84532, "chain id");
        assertEq(multicall.getCurrentBlockTimestamp(), 1_700_000_123, "timestamp");
        assertEq(multicall.getBlockNumber(), block.number, "block number");
        assertEq(multicall.getCurrentBlockGasLimit(), block.gaslimit, "gas limit");
        assertEq(multicall.getCurrentBlockCoinbase(), block.coinbase, "coinbase");
        assertEq(multicall.getBasefee(), block.basefee, "base fee");
        assertEq(multicall.getEthBalance(address(this)), address(this).balance, "eth balance");
        assertEq(multicall.getBlockHash(block.number), blockhash(block.number), "block hash");
        assertEq(multicall.getLastBlockHash(), blockhash(block.number - 1), "last block hash");
    }
}
