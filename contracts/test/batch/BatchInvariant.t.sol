// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {BatchSettlement} from "../../src/batch/BatchSettlement.sol";
import {Usdc} from "../../src/Usdc.sol";
import {BatchFixture} from "./BatchFixture.sol";

/// Drives random sequences of deposits, vouchers, claims, settles, refunds and withdrawals on three
/// channels of one payer and one receiver, the way each party is allowed to act, and keeps the ghost
/// values the invariants compare with (highest voucher ceiling signed, lowest claimed total seen).
/// Every action goes through the test's own EIP-712 signing (BatchFixture), so a contract that accepts a
/// wrong signature or amount shows up as a broken invariant, not as a skipped call.
contract BatchHandler is BatchFixture {
    uint256 internal constant CHANNELS = 3;

    BatchSettlement.ChannelConfig[CHANNELS] internal configs;
    /// Highest `maxClaimableAmount` the payer ever signed per channel (what the receiver may claim at most).
    uint128[CHANNELS] public signedCeiling;
    /// Claimed total seen after the previous action (claimed totals must never go down).
    uint128[CHANNELS] public lastClaimed;
    bool public claimedWentDown;
    uint256 public calls;
    /// How many actions changed state, to see that the random runs reach the interesting paths.
    uint256 public claimsApplied;
    uint256 public refundsPaid;
    uint256 public withdrawalsFinalized;
    uint256 public claimsDuringWithdrawal;

    constructor(Usdc usdc_, BatchSettlement settlement_) {
        // The fixture's state, without its setUp (the test contract deployed the contracts).
        usdc = usdc_;
        settlement = settlement_;
        payer = vm.addr(PAYER_KEY);
        payerAuthorizer = vm.addr(PAYER_AUTHORIZER_KEY);
        receiverAuthorizer = vm.addr(RECEIVER_AUTHORIZER_KEY);
        stranger = vm.addr(STRANGER_KEY);
        for (uint256 i = 0; i < CHANNELS; i++) {
            configs[i] = _config(bytes32(i + 1));
        }
        // One channel whose vouchers the payer signs itself (payerAuthorizer zero).
        configs[2].payerAuthorizer = address(0);
    }

    /// Not a test contract: the fixture's setUp must not be callable at random.
    function setUp() public override {}

    function config(uint256 i) external view returns (BatchSettlement.ChannelConfig memory) {
        return configs[i];
    }

    function channelCount() external pure returns (uint256) {
        return CHANNELS;
    }

    function _pick(uint256 seed) internal pure returns (uint256) {
        return seed % CHANNELS;
    }

    function _voucherKey(uint256 i) internal view returns (uint256) {
        return configs[i].payerAuthorizer == address(0) ? PAYER_KEY : PAYER_AUTHORIZER_KEY;
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (x % (max - min + 1));
    }

    /// Records whether any claimed total went down, after every action.
    modifier observed() {
        calls++;
        _;
        for (uint256 i = 0; i < CHANNELS; i++) {
            uint128 now_ = _claimed(_id(configs[i]));
            if (now_ < lastClaimed[i]) claimedWentDown = true;
            lastClaimed[i] = now_;
        }
    }

    // ------------------------------------------------------------------ payer actions

    function deposit(uint256 channelSeed, uint256 amountSeed) external observed {
        uint256 i = _pick(channelSeed);
        uint128 amount = uint128(_bound(amountSeed, 1, 50_000));
        if (usdc.balanceOf(payer) < amount) return;
        _deposit(configs[i], amount);
    }

    /// The payer signs a new cumulative voucher (the receiver will claim with the highest one).
    function signVoucher(uint256 channelSeed, uint256 incrementSeed) external observed {
        uint256 i = _pick(channelSeed);
        signedCeiling[i] += uint128(_bound(incrementSeed, 1, 20_000));
    }

    function initiateWithdraw(uint256 channelSeed, uint256 amountSeed, bool byAuthorizer) external observed {
        uint256 i = _pick(channelSeed);
        bytes32 id = _id(configs[i]);
        // Half the time everything unclaimed (so a claim during the delay must win over the withdrawal),
        // otherwise any amount up to a little above the unclaimed escrow (refused above it).
        uint256 unclaimed = _balance(id) - _claimed(id);
        uint256 amount = amountSeed % 2 == 0 ? unclaimed : _bound(amountSeed >> 1, 1, unclaimed + 10);
        vm.prank(byAuthorizer && configs[i].payerAuthorizer != address(0) ? payerAuthorizer : payer);
        try settlement.initiateWithdraw(configs[i], uint128(amount)) {} catch {}
    }

    function finalizeWithdraw(uint256 channelSeed) external observed {
        uint256 i = _pick(channelSeed);
        vm.prank(payer);
        try settlement.finalizeWithdraw(configs[i]) {
            withdrawalsFinalized++;
        } catch {}
    }

    function wait(uint256 secondsSeed) external observed {
        vm.warp(block.timestamp + _bound(secondsSeed, 1, 2 * DELAY));
    }

    // ------------------------------------------------------------------ receiver actions

    /// Claims with the newest voucher. Three times in four the total is one the contract should accept
    /// (at most the ceiling and the balance, above what is claimed); otherwise any total up to a little
    /// above the ceiling, which the contract must refuse when it exceeds the ceiling or the balance.
    function claim(uint256 channelSeed, uint256 totalSeed, bool direct) external observed {
        uint256 i = _pick(channelSeed);
        uint128 ceiling = signedCeiling[i];
        if (ceiling == 0) return;
        bytes32 id = _id(configs[i]);
        uint128 total;
        uint128 reachable = ceiling < _balance(id) ? ceiling : _balance(id);
        if (totalSeed % 4 != 0 && reachable > _claimed(id)) {
            total = uint128(_bound(totalSeed >> 2, _claimed(id) + 1, reachable));
        } else {
            total = uint128(_bound(totalSeed >> 2, 0, uint256(ceiling) + 100));
        }
        (, uint40 withdrawing) = settlement.pendingWithdrawals(id);
        BatchSettlement.VoucherClaim[] memory rows = _rows(_row(_voucherKey(i), configs[i], ceiling, total));
        bool applied;
        if (direct) {
            vm.prank(RECEIVER);
            try settlement.claim(rows) {
                applied = true;
            } catch {}
        } else {
            bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
            try settlement.claimWithSignature(rows, sig) {
                applied = true;
            } catch {}
        }
        if (applied && total > lastClaimed[i]) {
            claimsApplied++;
            if (withdrawing != 0) claimsDuringWithdrawal++;
        }
    }

    /// One signed batch over every channel, each row claiming its full newest voucher.
    function claimAll() external observed {
        BatchSettlement.VoucherClaim[] memory rows = new BatchSettlement.VoucherClaim[](CHANNELS);
        for (uint256 i = 0; i < CHANNELS; i++) {
            rows[i] = _row(_voucherKey(i), configs[i], signedCeiling[i], signedCeiling[i]);
        }
        bytes memory sig = _batchSig(RECEIVER_AUTHORIZER_KEY, rows);
        try settlement.claimWithSignature(rows, sig) {
            claimsApplied++;
        } catch {}
    }

    /// A receiver that cheats: claims above the voucher's ceiling (must always fail).
    function claimAboveCeiling(uint256 channelSeed, uint256 extraSeed) external observed {
        uint256 i = _pick(channelSeed);
        uint128 ceiling = signedCeiling[i];
        uint128 total = ceiling + uint128(_bound(extraSeed, 1, 1_000));
        vm.prank(RECEIVER);
        try settlement.claim(_rows(_row(_voucherKey(i), configs[i], ceiling, total))) {} catch {}
    }

    function settle() external observed {
        settlement.settle(RECEIVER, address(usdc));
    }

    function refund(uint256 channelSeed, uint256 amountSeed, bool signed) external observed {
        uint256 i = _pick(channelSeed);
        uint128 amount = uint128(_bound(amountSeed, 1, 60_000));
        if (signed) {
            bytes32 id = _id(configs[i]);
            uint256 nonce = settlement.refundNonce(id);
            bytes memory sig = _refundSig(RECEIVER_AUTHORIZER_KEY, id, nonce, amount);
            vm.prank(stranger);
            try settlement.refundWithSignature(configs[i], amount, nonce, sig) {
                refundsPaid++;
            } catch {}
        } else {
            vm.prank(RECEIVER);
            try settlement.refund(configs[i], amount) {
                refundsPaid++;
            } catch {}
        }
    }
}

/// The money rules hold after any sequence of actions (issue 7: "claimed never exceeds deposited; a
/// voucher never pays more than its ceiling; refunds and withdrawals never take claimed funds").
contract BatchInvariantTest is BatchFixture {
    BatchHandler handler;
    uint256 totalSupplyAtStart;

    function setUp() public override {
        super.setUp();
        handler = new BatchHandler(usdc, settlement);
        totalSupplyAtStart = usdc.totalSupply();
    }

    /// What forge calls at random: the handler's actions only (forge reads `targetContracts` and
    /// `targetSelectors` the way forge-std's StdInvariant declares them; without the first, every
    /// contract deployed in setUp would be called at random too, e.g. the devnet token's `mint`).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory actions = new bytes4[](10);
        actions[0] = BatchHandler.deposit.selector;
        actions[1] = BatchHandler.signVoucher.selector;
        actions[2] = BatchHandler.initiateWithdraw.selector;
        actions[3] = BatchHandler.finalizeWithdraw.selector;
        actions[4] = BatchHandler.wait.selector;
        actions[5] = BatchHandler.claim.selector;
        actions[6] = BatchHandler.claimAll.selector;
        actions[7] = BatchHandler.claimAboveCeiling.selector;
        actions[8] = BatchHandler.settle.selector;
        actions[9] = BatchHandler.refund.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: actions});
    }

    function _sums() internal view returns (uint256 balances, uint256 claimed, uint256 unclaimed) {
        for (uint256 i = 0; i < handler.channelCount(); i++) {
            bytes32 id = _id(handler.config(i));
            (uint128 balance, uint128 totalClaimed) = settlement.channels(id);
            balances += balance;
            claimed += totalClaimed;
            unclaimed += balance - totalClaimed;
        }
    }

    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 60
    function invariant_claimedNeverExceedsBalanceNorTheSignedCeiling() public view {
        for (uint256 i = 0; i < handler.channelCount(); i++) {
            (uint128 balance, uint128 totalClaimed) = settlement.channels(_id(handler.config(i)));
            assertTrue(totalClaimed <= balance, "claimed exceeds the channel balance");
            assertTrue(totalClaimed <= handler.signedCeiling(i), "claimed exceeds the highest signed voucher");
        }
        assertTrue(!handler.claimedWentDown(), "a claimed total went down");
    }

    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 60
    function invariant_moneyIsConserved() public view {
        (uint256 balances, uint256 claimed,) = _sums();
        (uint128 receiverClaimed, uint128 receiverSettled) = settlement.receivers(RECEIVER, address(usdc));
        assertEq(receiverClaimed, claimed, "receiver total = sum of channel claims");
        assertTrue(receiverSettled <= receiverClaimed, "settled more than claimed");
        // Escrow holds every channel balance minus what was already settled out of it.
        assertEq(usdc.balanceOf(SETTLEMENT_ADDRESS), balances - receiverSettled, "escrow accounting");
        assertEq(usdc.balanceOf(RECEIVER), receiverSettled, "receiver got exactly what was settled");
        assertEq(usdc.balanceOf(ERC3009_COLLECTOR_ADDRESS), 0, "collector keeps nothing");
        // Nothing created or destroyed: the payer's funds are in the payer, the escrow or the receiver.
        assertEq(
            usdc.balanceOf(payer) + usdc.balanceOf(SETTLEMENT_ADDRESS) + usdc.balanceOf(RECEIVER),
            totalSupplyAtStart,
            "tokens conserved"
        );
    }

    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 60
    function invariant_refundsAndWithdrawalsNeverTakeClaimedFunds() public view {
        (,, uint256 unclaimed) = _sums();
        (uint128 receiverClaimed, uint128 receiverSettled) = settlement.receivers(RECEIVER, address(usdc));
        // Everything claimed is either paid to the receiver or still in escrow for it.
        assertTrue(
            usdc.balanceOf(SETTLEMENT_ADDRESS) >= uint256(receiverClaimed - receiverSettled),
            "escrow cannot cover the claimed, unsettled funds"
        );
        // The payer got back exactly what was deposited minus what is claimed or still unclaimed in escrow.
        (uint256 balances, uint256 claimed,) = _sums();
        // Settled funds stay counted in the channel balances (settling does not change channel accounting).
        assertEq(PAYER_FUNDS - usdc.balanceOf(payer), balances, "payer outflow = deposits - refunds - withdrawals");
        assertEq(balances, claimed + unclaimed, "balance = claimed + unclaimed");
    }

    /// A long deterministic random walk through the handler: the same invariants hold after every step,
    /// and the walk really reaches claims, refunds and finalized withdrawals (so the invariant runs,
    /// which use the same handler, exercise them too).
    function test_randomWalk_invariantsHoldAtEveryStep() public {
        bytes32 seed = keccak256("batch-settlement random walk");
        for (uint256 step = 0; step < 400; step++) {
            seed = keccak256(abi.encode(seed));
            uint256 r = uint256(seed);
            uint256 x = r >> 8;
            uint256 y = r >> 64;
            uint256 action = r % 10;
            if (action == 0) handler.deposit(x, y);
            else if (action == 1) handler.signVoucher(x, y);
            else if (action == 2) handler.initiateWithdraw(x, y, y % 2 == 0);
            else if (action == 3) handler.finalizeWithdraw(x);
            else if (action == 4) handler.wait(y);
            else if (action == 5) handler.claim(x, y, y % 2 == 0);
            else if (action == 6) handler.claimAll();
            else if (action == 7) handler.claimAboveCeiling(x, y);
            else if (action == 8) handler.settle();
            else handler.refund(x, y, y % 2 == 0);
            invariant_claimedNeverExceedsBalanceNorTheSignedCeiling();
            invariant_moneyIsConserved();
            invariant_refundsAndWithdrawalsNeverTakeClaimedFunds();
        }
        assertTrue(handler.claimsApplied() > 10, "the walk applied claims");
        assertTrue(handler.refundsPaid() > 5, "the walk paid refunds");
        assertTrue(handler.withdrawalsFinalized() > 2, "the walk finalized withdrawals");
        assertTrue(handler.claimsDuringWithdrawal() > 0, "the walk claimed while a withdrawal was pending");
        assertTrue(usdc.balanceOf(RECEIVER) > 0, "the walk settled to the receiver");
    }

    // ------------------------------------------------------------------ fuzz: one claim, any numbers

    function testFuzz_claimPaysAtMostTheCeilingAndTheBalance(uint128 deposited, uint128 ceiling, uint128 total) public {
        deposited = uint128(1 + (deposited % PAYER_FUNDS));
        BatchSettlement.ChannelConfig memory c = _config();
        _deposit(c, deposited);
        (bool ok,) = address(settlement).call(abi.encodeCall(settlement.claim, (_rows(_row(c, ceiling, total)))));
        assertTrue(!ok, "only the receiver side may claim");
        vm.prank(RECEIVER);
        (ok,) = address(settlement).call(abi.encodeCall(settlement.claim, (_rows(_row(c, ceiling, total)))));
        bool allowed = total <= ceiling && total <= deposited;
        assertTrue(ok == allowed, "claim accepted exactly when within the ceiling and the balance");
        assertEq(_claimed(_id(c)), ok ? total : 0, "claimed total");
    }

    function testFuzz_refundPaysAtMostTheUnclaimed(uint128 deposited, uint128 claimed, uint128 requested) public {
        deposited = uint128(1 + (deposited % PAYER_FUNDS));
        claimed = uint128(claimed % (uint256(deposited) + 1));
        requested = uint128(1 + (requested % (2 * uint256(deposited))));
        BatchSettlement.ChannelConfig memory c = _config();
        _deposit(c, deposited);
        if (claimed > 0) _claim(_row(c, claimed, claimed));
        uint256 before = usdc.balanceOf(payer);
        vm.prank(RECEIVER);
        settlement.refund(c, requested);
        uint256 unclaimed = deposited - claimed;
        uint256 expected = requested < unclaimed ? requested : unclaimed;
        assertEq(usdc.balanceOf(payer) - before, expected, "refunded amount");
        assertEq(_claimed(_id(c)), claimed, "claims untouched");
        assertEq(_balance(_id(c)), deposited - expected, "balance");
    }
}
