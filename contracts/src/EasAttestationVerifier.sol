// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Checks EAS off-chain attestations (version 2, with salt) on chain: recomputes the EIP-712 digest of the
/// EAS `Attest` message under the domain {name: "EAS Attestation", version, chainId, verifyingContract: this contract}
/// and recovers the attester. A contract that accepts off-chain attestations signed for its own address (a resolver,
/// a registry that anchors them) can verify them without trusting whoever relays them.
///
/// The type is the one the EAS SDK signs (eas-sdk offchain.ts, OFFCHAIN_ATTESTATION_TYPES v2):
/// Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,
///        bytes32 refUID,bytes data,bytes32 salt); `data` is hashed with keccak256 as EIP-712 prescribes for bytes.
contract EasAttestationVerifier is EIP712 {
    bytes32 public constant ATTEST_TYPEHASH = keccak256(
        "Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,"
        "bytes32 refUID,bytes data,bytes32 salt)"
    );

    struct Attest {
        uint16 version;
        bytes32 schema;
        address recipient;
        uint64 time;
        uint64 expirationTime;
        bool revocable;
        bytes32 refUID;
        bytes data;
        bytes32 salt;
    }

    /// @param easVersion the EAS contract version string the attestations are signed under (e.g. "1.3.0")
    constructor(string memory easVersion) EIP712("EAS Attestation", easVersion) {}

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The 32 bytes an attester signs for `message` under this contract's domain.
    function attestDigest(Attest calldata message) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ATTEST_TYPEHASH,
                    message.version,
                    message.schema,
                    message.recipient,
                    message.time,
                    message.expirationTime,
                    message.revocable,
                    message.refUID,
                    keccak256(message.data),
                    message.salt
                )
            )
        );
    }

    /// @notice The address that signed `message` with (v, r, s); reverts on malformed or non-canonical signatures.
    function recoverAttester(Attest calldata message, uint8 v, bytes32 r, bytes32 s) external view returns (address) {
        return ECDSA.recover(attestDigest(message), v, r, s);
    }
}
