// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Minimal ERC-1271 wallet owned by one EOA
/// @notice Lets the suite pay from a contract wallet: a signature is valid when it is the owner's
/// 65-byte ECDSA signature over the hash itself (for EIP-3009, the EIP-712 digest the token computes,
/// i.e. what `signTypedData` with the owner's key signs). The owner can also make the wallet call
/// anything, e.g. to move its tokens.
/// @dev For tests only: no replay protection across wallets with the same owner (ERC-7739 style
/// hash wrapping), which real smart wallets add.
contract SmartWallet is IERC1271 {
    /// @notice The EOA whose signatures this wallet accepts.
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice ERC-1271: 0x1626ba7e if `signature` is the owner's ECDSA signature of `hash`, else 0xffffffff.
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == owner) return IERC1271.isValidSignature.selector;
        return 0xffffffff;
    }

    /// @notice Calls `target` with `value` and `data`; owner only. Bubbles up a revert.
    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        require(msg.sender == owner, "SmartWallet: caller is not the owner");
        (bool success, bytes memory result) = target.call{value: value}(data);
        if (!success) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    /// @notice Accepts ether.
    receive() external payable {}
}
