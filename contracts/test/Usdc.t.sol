// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Usdc} from "../src/Usdc.sol";
import {SmartWallet} from "../src/SmartWallet.sol";
import {TestBase} from "./utils/TestBase.sol";

/// EIP-3009 behaviour of the devnet USDC. Digests are computed here from the EIP-712 rules, not read
/// from the token, so a wrong domain or typehash in the token fails these tests.
contract UsdcTest is TestBase {
    bytes32 constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 constant TRANSFER_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 constant RECEIVE_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
    );
    bytes32 constant CANCEL_TYPEHASH = keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    address constant BASE_SEPOLIA_USDC = 0x036CbD53842c5426634e7929541eC2318f3dCF7e;
    address constant BASE_USDC = 0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913;

    uint256 constant NOW = 1_700_000_000;
    uint256 constant PAYER_KEY = 0xA11CE;
    uint256 constant OTHER_KEY = 0xB0B0;
    address constant PAY_TO = address(0xFEE);
    uint256 constant BALANCE = 10_000_000;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    struct Authorization {
        address from;
        address to;
        uint256 value;
        uint256 validAfter;
        uint256 validBefore;
        bytes32 nonce;
    }

    Usdc usdc;
    address payer;

    function setUp() public {
        vm.warp(NOW);
        usdc = new Usdc("USDC", "2");
        payer = vm.addr(PAYER_KEY);
        usdc.mint(payer, BALANCE);
    }

    // ------------------------------------------------------------------ helpers

    function _domainSeparator(address token, string memory name, string memory version)
        internal
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), block.chainid, token)
        );
    }

    function _digest(bytes32 domainSeparator, bytes32 typehash, Authorization memory a)
        internal
        pure
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(typehash, a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce)
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// Signs for the test token's own domain ("USDC", "2", this chain, its address).
    function _digest(bytes32 typehash, Authorization memory a) internal view returns (bytes32) {
        return _digest(_domainSeparator(address(usdc), "USDC", "2"), typehash, a);
    }

    function _signature(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _authorization(uint256 value, bytes32 nonce) internal view returns (Authorization memory) {
        return Authorization(payer, PAY_TO, value, NOW - 600, NOW + 60, nonce);
    }

    /// transferWithAuthorization, (v,r,s) form.
    function _transfer(Usdc token, Authorization memory a, uint256 key, bytes32 domainSeparator) internal {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _digest(domainSeparator, TRANSFER_TYPEHASH, a));
        token.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function _transfer(Authorization memory a, uint256 key) internal {
        _transfer(usdc, a, key, _domainSeparator(address(usdc), "USDC", "2"));
    }

    /// transferWithAuthorization, bytes form.
    function _transferBytes(Authorization memory a, bytes memory signature) internal {
        usdc.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, signature);
    }

    // ------------------------------------------------------------------ metadata and domain

    function test_metadata() public view {
        assertEq(usdc.name(), "USDC", "name");
        assertEq(usdc.symbol(), "USDC", "symbol");
        assertEq(usdc.version(), "2", "version");
        assertEq(usdc.decimals(), 6, "decimals");
        assertEq(usdc.totalSupply(), BALANCE, "totalSupply");
    }

    function test_typehashConstants() public view {
        assertEq(usdc.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), TRANSFER_TYPEHASH, "transfer typehash");
        assertEq(usdc.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), RECEIVE_TYPEHASH, "receive typehash");
        assertEq(usdc.CANCEL_AUTHORIZATION_TYPEHASH(), CANCEL_TYPEHASH, "cancel typehash");
        // The value real USDC publishes for TransferWithAuthorization.
        assertEq(
            TRANSFER_TYPEHASH,
            0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267,
            "TransferWithAuthorization typehash"
        );
    }

    function test_domainSeparator() public view {
        assertEq(usdc.DOMAIN_SEPARATOR(), _domainSeparator(address(usdc), "USDC", "2"), "DOMAIN_SEPARATOR");
    }

    function test_constructor_rejectsNameThatNeedsStorage() public {
        // A longer name would need storage, which a code move loses: OpenZeppelin's EIP712 refuses it.
        vm.expectRevert(abi.encodeWithSignature("StringTooLong(string)", "a name that is longer than 31 bytes"));
        new Usdc("a name that is longer than 31 bytes", "2");
    }

    // ------------------------------------------------------------------ transferWithAuthorization

    function test_transferWithAuthorization_movesFundsAndMarksNonce() public {
        Authorization memory a = _authorization(1_000_000, keccak256("valid"));
        assertTrue(!usdc.authorizationState(payer, a.nonce), "nonce unused before");

        vm.expectEmit(true, true, false, true, address(usdc));
        emit AuthorizationUsed(payer, a.nonce);
        vm.expectEmit(true, true, false, true, address(usdc));
        emit Transfer(payer, PAY_TO, 1_000_000);
        _transfer(a, PAYER_KEY);

        assertEq(usdc.balanceOf(payer), BALANCE - 1_000_000, "payer balance");
        assertEq(usdc.balanceOf(PAY_TO), 1_000_000, "payTo balance");
        assertTrue(usdc.authorizationState(payer, a.nonce), "nonce used after");
    }

    function test_transferWithAuthorization_justInsideTheWindow() public {
        Authorization memory a = _authorization(1, keccak256("edge"));
        a.validAfter = NOW - 1;
        a.validBefore = NOW + 1;
        _transfer(a, PAYER_KEY);
        assertEq(usdc.balanceOf(PAY_TO), 1, "payTo balance");
    }

    function test_transferWithAuthorization_expired() public {
        Authorization memory a = _authorization(1, keccak256("expired"));
        a.validBefore = NOW - 1;
        vm.expectRevert(bytes("FiatTokenV2: authorization is expired"));
        _transfer(a, PAYER_KEY);
    }

    function test_transferWithAuthorization_expiredWhenValidBeforeIsNow() public {
        Authorization memory a = _authorization(1, keccak256("expired-boundary"));
        a.validBefore = NOW;
        vm.expectRevert(bytes("FiatTokenV2: authorization is expired"));
        _transfer(a, PAYER_KEY);
    }

    function test_transferWithAuthorization_notYetValid() public {
        Authorization memory a = _authorization(1, keccak256("future"));
        a.validAfter = NOW + 60;
        a.validBefore = NOW + 120;
        vm.expectRevert(bytes("FiatTokenV2: authorization is not yet valid"));
        _transfer(a, PAYER_KEY);
    }

    function test_transferWithAuthorization_notYetValidWhenValidAfterIsNow() public {
        Authorization memory a = _authorization(1, keccak256("future-boundary"));
        a.validAfter = NOW;
        vm.expectRevert(bytes("FiatTokenV2: authorization is not yet valid"));
        _transfer(a, PAYER_KEY);
    }

    function test_transferWithAuthorization_usedNonce() public {
        Authorization memory a = _authorization(1_000, keccak256("replay"));
        _transfer(a, PAYER_KEY);
        vm.expectRevert(bytes("FiatTokenV2: authorization is used or canceled"));
        _transfer(a, PAYER_KEY);
        assertEq(usdc.balanceOf(PAY_TO), 1_000, "paid once");
    }

    function test_transferWithAuthorization_wrongSigner() public {
        Authorization memory a = _authorization(1_000, keccak256("wrong-signer"));
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        _transfer(a, OTHER_KEY);
        assertTrue(!usdc.authorizationState(payer, a.nonce), "nonce still unused");
    }

    function test_transferWithAuthorization_tamperedValue() public {
        Authorization memory a = _authorization(1_000, keccak256("tampered"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, _digest(TRANSFER_TYPEHASH, a));
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        usdc.transferWithAuthorization(a.from, a.to, a.value + 1, a.validAfter, a.validBefore, a.nonce, v, r, s);
    }

    function test_transferWithAuthorization_receiveSignatureIsNotATransferSignature() public {
        Authorization memory a = _authorization(1_000, keccak256("typehash"));
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        _transferBytes(a, _signature(PAYER_KEY, _digest(RECEIVE_TYPEHASH, a)));
    }

    function test_transferWithAuthorization_insufficientBalance() public {
        Authorization memory a = _authorization(BALANCE + 1, keccak256("too-much"));
        vm.expectRevert(bytes("ERC20: transfer amount exceeds balance"));
        _transfer(a, PAYER_KEY);
        assertTrue(!usdc.authorizationState(payer, a.nonce), "failed transfer leaves the nonce unused");
    }

    function test_transferWithAuthorization_bytesFormWithEoaSignature() public {
        Authorization memory a = _authorization(2_500, keccak256("bytes-eoa"));
        vm.expectEmit(true, true, false, true, address(usdc));
        emit AuthorizationUsed(payer, a.nonce);
        _transferBytes(a, _signature(PAYER_KEY, _digest(TRANSFER_TYPEHASH, a)));
        assertEq(usdc.balanceOf(PAY_TO), 2_500, "payTo balance");
        assertTrue(usdc.authorizationState(payer, a.nonce), "nonce used");
    }

    function test_transferWithAuthorization_bytesFormRejectsShortSignature() public {
        Authorization memory a = _authorization(1, keccak256("short"));
        bytes memory signature = _signature(PAYER_KEY, _digest(TRANSFER_TYPEHASH, a));
        assembly ("memory-safe") {
            mstore(signature, 64)
        }
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        _transferBytes(a, signature);
    }

    // ------------------------------------------------------------------ ERC-1271 wallet as payer

    function test_smartWallet_paysWithBytesForm() public {
        SmartWallet wallet = new SmartWallet(vm.addr(OTHER_KEY));
        usdc.mint(address(wallet), 5_000);
        Authorization memory a = Authorization(address(wallet), PAY_TO, 5_000, NOW - 600, NOW + 60, keccak256("1271"));

        vm.expectEmit(true, true, false, true, address(usdc));
        emit AuthorizationUsed(address(wallet), a.nonce);
        _transferBytes(a, _signature(OTHER_KEY, _digest(TRANSFER_TYPEHASH, a)));

        assertEq(usdc.balanceOf(address(wallet)), 0, "wallet balance");
        assertEq(usdc.balanceOf(PAY_TO), 5_000, "payTo balance");
        assertTrue(usdc.authorizationState(address(wallet), a.nonce), "nonce used");
    }

    function test_smartWallet_paysWithVrsForm() public {
        SmartWallet wallet = new SmartWallet(vm.addr(OTHER_KEY));
        usdc.mint(address(wallet), 5_000);
        Authorization memory a = Authorization(address(wallet), PAY_TO, 5_000, NOW - 600, NOW + 60, keccak256("vrs"));
        _transfer(a, OTHER_KEY);
        assertEq(usdc.balanceOf(PAY_TO), 5_000, "payTo balance");
    }

    function test_smartWallet_rejectsSignatureOfNonOwner() public {
        SmartWallet wallet = new SmartWallet(vm.addr(OTHER_KEY));
        usdc.mint(address(wallet), 5_000);
        Authorization memory a = Authorization(address(wallet), PAY_TO, 5_000, NOW - 600, NOW + 60, keccak256("x"));
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        _transferBytes(a, _signature(PAYER_KEY, _digest(TRANSFER_TYPEHASH, a)));
    }

    function test_smartWallet_isValidSignature() public {
        SmartWallet wallet = new SmartWallet(vm.addr(OTHER_KEY));
        bytes32 hash = keccak256("message");
        assertTrue(wallet.isValidSignature(hash, _signature(OTHER_KEY, hash)) == 0x1626ba7e, "owner accepted");
        assertTrue(wallet.isValidSignature(hash, _signature(PAYER_KEY, hash)) == 0xffffffff, "stranger refused");
        assertTrue(wallet.isValidSignature(hash, hex"1234") == 0xffffffff, "garbage refused");
    }

    function test_smartWallet_executeIsOwnerOnly() public {
        SmartWallet wallet = new SmartWallet(vm.addr(OTHER_KEY));
        usdc.mint(address(wallet), 7);
        bytes memory call = abi.encodeWithSignature("transfer(address,uint256)", PAY_TO, 7);
        vm.expectRevert(bytes("SmartWallet: caller is not the owner"));
        wallet.execute(address(usdc), 0, call);
        vm.prank(vm.addr(OTHER_KEY));
        wallet.execute(address(usdc), 0, call);
        assertEq(usdc.balanceOf(PAY_TO), 7, "moved by the owner");
    }

    // ------------------------------------------------------------------ receiveWithAuthorization

    function test_receiveWithAuthorization_byPayee() public {
        Authorization memory a = _authorization(3_000, keccak256("receive"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, _digest(RECEIVE_TYPEHASH, a));
        vm.prank(PAY_TO);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);
        assertEq(usdc.balanceOf(PAY_TO), 3_000, "payTo balance");
        assertTrue(usdc.authorizationState(payer, a.nonce), "nonce used");
    }

    function test_receiveWithAuthorization_bytesFormByPayee() public {
        Authorization memory a = _authorization(3_000, keccak256("receive-bytes"));
        bytes memory signature = _signature(PAYER_KEY, _digest(RECEIVE_TYPEHASH, a));
        vm.prank(PAY_TO);
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, signature);
        assertEq(usdc.balanceOf(PAY_TO), 3_000, "payTo balance");
    }

    function test_receiveWithAuthorization_callerMustBePayee() public {
        Authorization memory a = _authorization(3_000, keccak256("receive-thief"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, _digest(RECEIVE_TYPEHASH, a));
        vm.expectRevert(bytes("FiatTokenV2: caller must be the payee"));
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, v, r, s);

        bytes memory signature = abi.encodePacked(r, s, v);
        vm.prank(payer);
        vm.expectRevert(bytes("FiatTokenV2: caller must be the payee"));
        usdc.receiveWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, signature);
        assertEq(usdc.balanceOf(PAY_TO), 0, "nothing moved");
    }

    // ------------------------------------------------------------------ cancelAuthorization

    function test_cancelAuthorization_blocksLaterTransfer() public {
        Authorization memory a = _authorization(1_000, keccak256("cancel"));
        bytes32 cancelDigest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                _domainSeparator(address(usdc), "USDC", "2"),
                keccak256(abi.encode(CANCEL_TYPEHASH, payer, a.nonce))
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PAYER_KEY, cancelDigest);

        vm.expectEmit(true, true, false, true, address(usdc));
        emit AuthorizationCanceled(payer, a.nonce);
        usdc.cancelAuthorization(payer, a.nonce, v, r, s);
        assertTrue(usdc.authorizationState(payer, a.nonce), "canceled nonce reads as used");

        vm.expectRevert(bytes("FiatTokenV2: authorization is used or canceled"));
        _transfer(a, PAYER_KEY);
        vm.expectRevert(bytes("FiatTokenV2: authorization is used or canceled"));
        usdc.cancelAuthorization(payer, a.nonce, abi.encodePacked(r, s, v));
        assertEq(usdc.balanceOf(PAY_TO), 0, "nothing moved");
    }

    function test_cancelAuthorization_bytesFormAndWrongSigner() public {
        bytes32 nonce = keccak256("cancel-bytes");
        bytes32 cancelDigest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                _domainSeparator(address(usdc), "USDC", "2"),
                keccak256(abi.encode(CANCEL_TYPEHASH, payer, nonce))
            )
        );
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        usdc.cancelAuthorization(payer, nonce, _signature(OTHER_KEY, cancelDigest));
        usdc.cancelAuthorization(payer, nonce, _signature(PAYER_KEY, cancelDigest));
        assertTrue(usdc.authorizationState(payer, nonce), "canceled");
    }

    // ------------------------------------------------------------------ plain ERC-20 revert strings

    function test_erc20_fiatTokenRevertStrings() public {
        vm.prank(payer);
        vm.expectRevert(bytes("ERC20: transfer amount exceeds balance"));
        usdc.transfer(PAY_TO, BALANCE + 1);

        vm.prank(payer);
        vm.expectRevert(bytes("ERC20: transfer to the zero address"));
        usdc.transfer(address(0), 1);

        vm.expectRevert(bytes("ERC20: transfer amount exceeds allowance"));
        usdc.transferFrom(payer, PAY_TO, 1);

        vm.prank(payer);
        usdc.approve(address(this), 5);
        assertTrue(usdc.transferFrom(payer, PAY_TO, 5), "transferFrom");
        assertEq(usdc.balanceOf(PAY_TO), 5, "payTo balance");
        assertEq(usdc.allowance(payer, address(this)), 0, "allowance spent");
    }

    // ------------------------------------------------------------------ runtime code at the canonical addresses

    /// The devnet deploys, then copies the runtime code to the chain's USDC address: the domain must
    /// follow the new address and chain id, and name()/version() must still answer, with no storage.
    function _checkCodeMove(address canonical, uint256 chainId, string memory name) internal {
        Usdc original = new Usdc(name, "2");
        vm.chainId(chainId);
        vm.etch(canonical, address(original).code);
        Usdc moved = Usdc(canonical);

        bytes32 expected = _domainSeparator(canonical, name, "2");
        assertEq(moved.DOMAIN_SEPARATOR(), expected, "DOMAIN_SEPARATOR at the canonical address");
        assertTrue(moved.DOMAIN_SEPARATOR() != _domainSeparator(address(original), name, "2"), "domain moved");
        assertEq(moved.name(), name, "name after the move");
        assertEq(moved.version(), "2", "version after the move");
        assertEq(moved.symbol(), "USDC", "symbol after the move");
        assertEq(moved.decimals(), 6, "decimals after the move");
        assertEq(moved.totalSupply(), 0, "fresh storage");

        (, string memory domainName, string memory domainVersion, uint256 domainChainId, address verifyingContract,,) =
            moved.eip712Domain();
        assertEq(domainName, name, "eip712Domain name");
        assertEq(domainVersion, "2", "eip712Domain version");
        assertEq(domainChainId, chainId, "eip712Domain chainId");
        assertEq(verifyingContract, canonical, "eip712Domain verifyingContract");

        moved.mint(payer, 1_000);
        Authorization memory a = _authorization(400, keccak256(bytes(name)));

        // A signature over the original deployment's domain does not pay at the new address.
        bytes32 staleDomain =
            keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256("2"), chainId, address(original)));
        vm.expectRevert(bytes("FiatTokenV2: invalid signature"));
        _transfer(moved, a, PAYER_KEY, staleDomain);

        _transfer(moved, a, PAYER_KEY, expected);
        assertEq(moved.balanceOf(PAY_TO), 400, "paid at the canonical address");
        assertTrue(moved.authorizationState(payer, a.nonce), "nonce used at the canonical address");
    }

    function test_codeMove_baseSepolia() public {
        _checkCodeMove(BASE_SEPOLIA_USDC, 84532, "USDC");
    }

    function test_codeMove_base() public {
        _checkCodeMove(BASE_USDC, 8453, "USD Coin");
    }
}
