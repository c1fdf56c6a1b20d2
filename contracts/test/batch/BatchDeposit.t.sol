// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BatchSettlement} from "../../src/batch/BatchSettlement.sol";
import {Erc3009DepositCollector} from "../../src/batch/Erc3009DepositCollector.sol";
import {IDepositCollector} from "../../src/batch/IDepositCollector.sol";
import {Usdc} from "../../src/Usdc.sol";
import {BatchFixture, BatchVm} from "./BatchFixture.sol";

/// A collector that keeps part of the deposit (or delivers nothing): the settlement contract must notice.
contract ShortCollector is IDepositCollector {
    uint256 public immutable shortBy;

    constructor(uint256 shortBy_) {
        shortBy = shortBy_;
    }

    function collect(address, address token, uint256 amount, bytes32, bytes calldata) external {
        Usdc(token).mint(msg.sender, amount - shortBy);
    }
}

/// Channel identity (EIP-712 `ChannelConfig` under the `x402 Batch Settlement` domain) and deposits
/// through the ERC-3009 collector (scheme_batch_settlement_evm.md "Channel creation and deposits").
contract BatchDepositTest is BatchFixture {
    event ChannelCreated(bytes32 indexed channelId, BatchSettlement.ChannelConfig config);
    event Deposited(bytes32 indexed channelId, address indexed sender, uint128 amount, uint128 newBalance);

    // ------------------------------------------------------------------ channel id

    function test_channelId_isTheEip712HashOfTheConfig() public view {
        BatchSettlement.ChannelConfig memory c = _config(keccak256("salt"));
        assertEq(settlement.getChannelId(c), _id(c), "getChannelId");
        assertEq(settlement.CHANNEL_CONFIG_TYPEHASH(), CONFIG_TYPEHASH, "CHANNEL_CONFIG_TYPEHASH");
        assertEq(settlement.VOUCHER_TYPEHASH(), VOUCHER_TYPEHASH_, "VOUCHER_TYPEHASH");
        assertEq(settlement.REFUND_TYPEHASH(), REFUND_TYPEHASH_, "REFUND_TYPEHASH");
        assertEq(settlement.CLAIM_ENTRY_TYPEHASH(), ENTRY_TYPEHASH, "CLAIM_ENTRY_TYPEHASH");
        assertEq(settlement.CLAIM_BATCH_TYPEHASH(), BATCH_TYPEHASH, "CLAIM_BATCH_TYPEHASH");
    }

    function test_eip712Domain_isTheCanonicalOne() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            settlement.eip712Domain();
        assertEq(name, "x402 Batch Settlement", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chainId");
        assertEq(verifyingContract, SETTLEMENT_ADDRESS, "verifyingContract");
    }

    function test_channelId_changesWithEveryField() public view {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes32 base = settlement.getChannelId(c);
        for (uint256 field = 0; field < 7; field++) {
            BatchSettlement.ChannelConfig memory d = _config();
            if (field == 0) d.payer = stranger;
            if (field == 1) d.payerAuthorizer = address(0);
            if (field == 2) d.receiver = stranger;
            if (field == 3) d.receiverAuthorizer = stranger;
            if (field == 4) d.token = stranger;
            if (field == 5) d.withdrawDelay = DELAY + 1;
            if (field == 6) d.salt = bytes32(uint256(1));
            assertTrue(settlement.getChannelId(d) != base, "a changed field must change the channel id");
        }
    }

    function test_channelId_isBoundToChainAndAddress() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes32 here = settlement.getChannelId(c);
        BatchSettlement elsewhere = new BatchSettlement();
        assertTrue(elsewhere.getChannelId(c) != here, "another deployment gives another id");
        vm.chainId(8453);
        bytes32 otherChain = settlement.getChannelId(c);
        assertTrue(otherChain != here, "another chain gives another id");
        assertEq(otherChain, _id(c), "id on the new chain");
    }

    // ------------------------------------------------------------------ deposit

    function test_deposit_creditsTheChannelAndMovesTheTokens() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes32 id = _id(c);
        bytes memory data = _collectorData(PAYER_KEY, payer, id, 1_000, 7);
        vm.expectEmit(true, false, false, true, SETTLEMENT_ADDRESS);
        emit ChannelCreated(id, c);
        vm.expectEmit(true, true, false, true, SETTLEMENT_ADDRESS);
        emit Deposited(id, stranger, 1_000, 1_000);
        vm.prank(stranger); // anyone may submit: the authorization binds the channel
        settlement.deposit(c, 1_000, ERC3009_COLLECTOR_ADDRESS, data);

        assertEq(_balance(id), 1_000, "channel balance");
        assertEq(_claimed(id), 0, "totalClaimed");
        assertEq(usdc.balanceOf(payer), PAYER_FUNDS - 1_000, "payer");
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), 1_000, "escrow");
        assertEq(usdc.balanceOf(ERC3009_COLLECTOR_ADDRESS), 0, "collector keeps nothing");
        assertTrue(usdc.authorizationState(payer, collector.depositNonce(id, 7)), "EIP-3009 nonce used");
        assertEq(
            collector.depositNonce(id, 7), keccak256(abi.encode(id, uint256(7))), "nonce = keccak(channelId, salt)"
        );
    }

    function test_deposit_topUpAddsWithoutCreatingAgain() public {
        BatchSettlement.ChannelConfig memory c = _config();
        _deposit(c, 1_000);
        cheats.recordLogs();
        _deposit(c, 500);
        BatchVm.Log[] memory logs = cheats.getRecordedLogs();
        assertEq(_countLogs(logs, ChannelCreated.selector), 0, "ChannelCreated on a top-up");
        assertEq(_countLogs(logs, Deposited.selector), 1, "Deposited");
        assertEq(_balance(_id(c)), 1_500, "balance");
    }

    function test_deposit_authorizationIsBoundToItsChannel() public {
        BatchSettlement.ChannelConfig memory a = _config(bytes32(uint256(1)));
        BatchSettlement.ChannelConfig memory b = _config(bytes32(uint256(2)));
        bytes memory forA = _collectorData(PAYER_KEY, payer, _id(a), 1_000, 1);
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        settlement.deposit(b, 1_000, ERC3009_COLLECTOR_ADDRESS, forA);
    }

    function test_deposit_amountIsBoundToTheAuthorization() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes memory data = _collectorData(PAYER_KEY, payer, _id(c), 1_000, 1);
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        settlement.deposit(c, 1_001, ERC3009_COLLECTOR_ADDRESS, data);
    }

    function test_deposit_authorizationCannotBeReplayed() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes memory data = _collectorData(PAYER_KEY, payer, _id(c), 1_000, 1);
        settlement.deposit(c, 1_000, ERC3009_COLLECTOR_ADDRESS, data);
        vm.expectRevert(bytes("FiatTokenV2: authorization is used or canceled"));
        settlement.deposit(c, 1_000, ERC3009_COLLECTOR_ADDRESS, data);
    }

    function test_deposit_signedBySomeoneElseIsRefused() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes memory data = _collectorData(STRANGER_KEY, payer, _id(c), 1_000, 1);
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        settlement.deposit(c, 1_000, ERC3009_COLLECTOR_ADDRESS, data);
    }

    function test_deposit_refusesZeroAddressesInTheConfig() public {
        for (uint256 field = 0; field < 4; field++) {
            BatchSettlement.ChannelConfig memory c = _config();
            if (field == 0) c.payer = address(0);
            if (field == 1) c.receiver = address(0);
            if (field == 2) c.receiverAuthorizer = address(0);
            if (field == 3) c.token = address(0);
            cheats.expectRevert(BatchSettlement.InvalidChannelConfig.selector);
            settlement.deposit(c, 1, ERC3009_COLLECTOR_ADDRESS, "");
        }
    }

    function test_deposit_withdrawDelayBounds() public {
        BatchSettlement.ChannelConfig memory c = _config();
        c.withdrawDelay = 15 minutes - 1;
        vm.expectRevert(
            abi.encodeWithSelector(BatchSettlement.WithdrawDelayOutOfRange.selector, uint40(15 minutes - 1))
        );
        settlement.deposit(c, 1, ERC3009_COLLECTOR_ADDRESS, "");
        c.withdrawDelay = 30 days + 1;
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.WithdrawDelayOutOfRange.selector, uint40(30 days + 1)));
        settlement.deposit(c, 1, ERC3009_COLLECTOR_ADDRESS, "");
        // Both bounds are allowed.
        c.withdrawDelay = 15 minutes;
        _deposit(c, 1);
        c.withdrawDelay = 30 days;
        _deposit(c, 1);
        assertEq(_balance(_id(c)), 1, "30-day channel funded");
    }

    function test_deposit_refusesZeroAmountAndZeroCollector() public {
        BatchSettlement.ChannelConfig memory c = _config();
        cheats.expectRevert(BatchSettlement.ZeroAmount.selector);
        settlement.deposit(c, 0, ERC3009_COLLECTOR_ADDRESS, "");
        cheats.expectRevert(BatchSettlement.InvalidCollector.selector);
        settlement.deposit(c, 1, address(0), "");
    }

    function test_deposit_creditsOnlyWhatArrived() public {
        BatchSettlement.ChannelConfig memory c = _config();
        ShortCollector short = new ShortCollector(1);
        vm.expectRevert(abi.encodeWithSelector(BatchSettlement.DepositNotReceived.selector, uint256(100), uint256(99)));
        settlement.deposit(c, 100, address(short), "");
        ShortCollector exact = new ShortCollector(0);
        settlement.deposit(c, 100, address(exact), "");
        assertEq(_balance(_id(c)), 100, "an honest collector credits the channel");
    }

    function test_collector_onlyTheSettlementContractMayCollect() public {
        BatchSettlement.ChannelConfig memory c = _config();
        bytes32 id = _id(c);
        bytes memory data = _collectorData(PAYER_KEY, payer, id, 1_000, 1);
        vm.expectRevert(abi.encodeWithSelector(Erc3009DepositCollector.CallerNotSettlement.selector, stranger));
        vm.prank(stranger);
        collector.collect(payer, address(usdc), 1_000, id, data);
        assertEq(collector.settlement(), SETTLEMENT_ADDRESS, "collector serves the canonical settlement");
    }

    function test_collector_refusesZeroSettlement() public {
        cheats.expectRevert(Erc3009DepositCollector.ZeroSettlement.selector);
        new Erc3009DepositCollector(address(0));
    }
}
