// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC8004Identity} from "./IERC8004Identity.sol";

/// @notice ERC-8004 ("Trustless Agents") Reputation Registry, v1 interface (the Jan 2026 revision with signed
/// fixed-point values): clients leave feedback on registered agents, may revoke their own feedback, and anyone may
/// append a response to a feedback entry.
///
/// What this follows, from the ERC-8004 text and the erc-8004/erc-8004-contracts reference (ReputationRegistry 2.0.0,
/// abis/ReputationRegistry.json):
/// - giveFeedback(uint256 agentId, int128 value, uint8 valueDecimals, string tag1, string tag2, string endpoint,
///   string feedbackURI, bytes32 feedbackHash); valueDecimals is 0..18 and |value| <= 1e38; the agent's owner, an
///   operator for all the owner's tokens and the token's approved address may not give feedback to that agent;
///   feedbackURI and feedbackHash are emitted but not stored;
/// - feedback indexes count from 1 per (agentId, clientAddress); revokeFeedback(agentId, feedbackIndex) acts on the
///   caller's own feedback only; appendResponse(agentId, clientAddress, feedbackIndex, responseURI, responseHash)
///   is open to anyone and needs a non-empty responseURI;
/// - views getIdentityRegistry, getLastIndex, readFeedback, readAllFeedback (all known clients when the list is
///   empty; revoked entries only with includeRevoked), getSummary, getResponseCount (clientAddress 0 = all clients,
///   feedbackIndex 0 = all of that client's entries, empty responders = all responders) and getClients;
/// - getSummary(agentId, clientAddresses, tag1, tag2) -> (uint64 count, int128 summaryValue,
///   uint8 summaryValueDecimals) requires a non-empty client list (the caller chooses whose opinion counts, which is
///   the spec's Sybil defence); it averages the matching non-revoked values after scaling each to 18 decimals and
///   expresses the average in the most frequent valueDecimals (the smallest on a tie), rounding toward zero;
///   an empty tag filter matches every tag;
/// - events NewFeedback (with string indexed indexedTag1), FeedbackRevoked and ResponseAppended as in the spec.
/// Departures that the interface does not fix: the identity registry is set once in the constructor (no proxy),
/// failures are custom errors rather than strings, and an unknown agent id fails with UnknownAgent.
contract ReputationRegistry {
    uint8 public constant MAX_VALUE_DECIMALS = 18;
    int128 public constant MAX_ABS_VALUE = 1e38;

    struct Feedback {
        int128 value;
        uint8 valueDecimals;
        bool isRevoked;
        string tag1;
        string tag2;
    }

    struct TagFilter {
        bool anyTag1;
        bytes32 tag1Hash;
        bool anyTag2;
        bytes32 tag2Hash;
    }

    struct Tally {
        int256 sumWad;
        uint64 count;
        uint64[19] decimalsSeen;
    }

    struct Entry {
        address client;
        uint64 feedbackIndex;
    }

    IERC8004Identity private immutable _identity;

    mapping(uint256 agentId => mapping(address client => mapping(uint64 feedbackIndex => Feedback))) private _feedback;
    mapping(uint256 agentId => mapping(address client => uint64 lastIndex)) private _lastIndex;
    mapping(uint256 agentId => address[] clients) private _clients;
    mapping(uint256 agentId => mapping(address client => mapping(uint64 feedbackIndex => address[] responders)))
        private _responders;
    mapping(uint256 agentId => mapping(address client => mapping(uint64 feedbackIndex => mapping(address responder
        => uint64 count)))) private _responseCount;

    event NewFeedback(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        int128 value,
        uint8 valueDecimals,
        string indexed indexedTag1,
        string tag1,
        string tag2,
        string endpoint,
        string feedbackURI,
        bytes32 feedbackHash
    );
    event FeedbackRevoked(uint256 indexed agentId, address indexed clientAddress, uint64 indexed feedbackIndex);
    event ResponseAppended(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        address indexed responder,
        string responseURI,
        bytes32 responseHash
    );

    error InvalidIdentityRegistry();
    error UnknownAgent(uint256 agentId);
    error SelfFeedbackNotAllowed(uint256 agentId, address caller);
    error ValueDecimalsTooLarge(uint8 valueDecimals);
    error ValueOutOfRange(int128 value);
    error FeedbackNotFound(uint256 agentId, address clientAddress, uint64 feedbackIndex);
    error FeedbackAlreadyRevoked(uint256 agentId, address clientAddress, uint64 feedbackIndex);
    error EmptyResponseURI();
    error ClientAddressesRequired();

    constructor(address identityRegistry) {
        if (identityRegistry == address(0)) revert InvalidIdentityRegistry();
        _identity = IERC8004Identity(identityRegistry);
    }

    function getIdentityRegistry() external view returns (address) {
        return address(_identity);
    }

    // ---------------------------------------------------------------- writes

    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        // memory, not calldata: four calldata strings (two stack slots each) overflow the stack in the emit
        string memory tag1,
        string memory tag2,
        string memory endpoint,
        string memory feedbackURI,
        bytes32 feedbackHash
    ) external {
        if (valueDecimals > MAX_VALUE_DECIMALS) revert ValueDecimalsTooLarge(valueDecimals);
        if (value > MAX_ABS_VALUE || value < -MAX_ABS_VALUE) revert ValueOutOfRange(value);
        // an agent vouching for itself (through its owner or operators) would make reputation worthless
        if (_isAgentController(msg.sender, agentId)) revert SelfFeedbackNotAllowed(agentId, msg.sender);

        uint64 feedbackIndex = ++_lastIndex[agentId][msg.sender];
        if (feedbackIndex == 1) _clients[agentId].push(msg.sender);
        _feedback[agentId][msg.sender][feedbackIndex] =
            Feedback({value: value, valueDecimals: valueDecimals, isRevoked: false, tag1: tag1, tag2: tag2});

        emit NewFeedback(
            agentId, msg.sender, feedbackIndex, value, valueDecimals, tag1, tag1, tag2, endpoint, feedbackURI,
            feedbackHash
        );
    }

    /// @notice Revokes the caller's own feedback; nobody can revoke someone else's.
    function revokeFeedback(uint256 agentId, uint64 feedbackIndex) external {
        Feedback storage feedback = _existing(agentId, msg.sender, feedbackIndex);
        if (feedback.isRevoked) revert FeedbackAlreadyRevoked(agentId, msg.sender, feedbackIndex);
        feedback.isRevoked = true;
        emit FeedbackRevoked(agentId, msg.sender, feedbackIndex);
    }

    /// @notice Anyone (the agent showing a refund, an aggregator tagging spam) may answer a feedback entry.
    function appendResponse(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        string calldata responseURI,
        bytes32 responseHash
    ) external {
        _existing(agentId, clientAddress, feedbackIndex);
        if (bytes(responseURI).length == 0) revert EmptyResponseURI();
        if (_responseCount[agentId][clientAddress][feedbackIndex][msg.sender]++ == 0) {
            _responders[agentId][clientAddress][feedbackIndex].push(msg.sender);
        }
        emit ResponseAppended(agentId, clientAddress, feedbackIndex, msg.sender, responseURI, responseHash);
    }

    // ---------------------------------------------------------------- reads

    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64) {
        return _lastIndex[agentId][clientAddress];
    }

    function getClients(uint256 agentId) external view returns (address[] memory) {
        return _clients[agentId];
    }

    function readFeedback(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        external
        view
        returns (int128 value, uint8 valueDecimals, string memory tag1, string memory tag2, bool isRevoked)
    {
        Feedback storage f = _existing(agentId, clientAddress, feedbackIndex);
        return (f.value, f.valueDecimals, f.tag1, f.tag2, f.isRevoked);
    }

    function getSummary(uint256 agentId, address[] calldata clientAddresses, string calldata tag1, string calldata tag2)
        external
        view
        returns (uint64 count, int128 summaryValue, uint8 summaryValueDecimals)
    {
        if (clientAddresses.length == 0) revert ClientAddressesRequired();
        TagFilter memory filter = _filter(tag1, tag2);
        Tally memory tally;
        for (uint256 i; i < clientAddresses.length; i++) {
            _tallyClient(tally, agentId, clientAddresses[i], filter);
        }
        count = tally.count;
        if (count == 0) return (0, 0, 0);
        uint64 mostSeen;
        for (uint8 d; d <= MAX_VALUE_DECIMALS; d++) {
            if (tally.decimalsSeen[d] > mostSeen) {
                mostSeen = tally.decimalsSeen[d];
                summaryValueDecimals = d;
            }
        }
        // Solidity's signed division rounds toward zero, at both steps
        int256 averageWad = tally.sumWad / int256(uint256(count));
        summaryValue = SafeCast.toInt128(averageWad / int256(10 ** (MAX_VALUE_DECIMALS - summaryValueDecimals)));
    }

    function readAllFeedback(
        uint256 agentId,
        // memory, not calldata, and the arrays filled by helpers: seven outputs leave little room on the stack
        address[] memory clientAddresses,
        string memory tag1,
        string memory tag2,
        bool includeRevoked
    )
        external
        view
        returns (
            address[] memory clients,
            uint64[] memory feedbackIndexes,
            int128[] memory values,
            uint8[] memory valueDecimals,
            string[] memory tag1s,
            string[] memory tag2s,
            bool[] memory revokedStatuses
        )
    {
        Entry[] memory entries = _select(agentId, clientAddresses, _filter(tag1, tag2), includeRevoked);
        (clients, feedbackIndexes) = _positions(entries);
        (values, valueDecimals, revokedStatuses) = _values(agentId, entries);
        (tag1s, tag2s) = _tags(agentId, entries);
    }

    /// @param clientAddress address(0) counts over every client of the agent
    /// @param feedbackIndex 0 counts over every entry of clientAddress
    /// @param responders empty counts every responder
    function getResponseCount(
        uint256 agentId,
        address clientAddress,
        uint64 feedbackIndex,
        address[] calldata responders
    ) external view returns (uint64 count) {
        if (clientAddress == address(0)) {
            address[] storage clients = _clients[agentId];
            for (uint256 i; i < clients.length; i++) {
                count += _countForClient(agentId, clients[i], responders);
            }
        } else if (feedbackIndex == 0) {
            count = _countForClient(agentId, clientAddress, responders);
        } else {
            count = _countResponses(agentId, clientAddress, feedbackIndex, responders);
        }
    }

    // ---------------------------------------------------------------- internals

    function _isAgentController(address account, uint256 agentId) private view returns (bool) {
        try _identity.isAuthorizedOrOwner(account, agentId) returns (bool authorized) {
            return authorized;
        } catch {
            revert UnknownAgent(agentId);
        }
    }

    function _existing(uint256 agentId, address clientAddress, uint64 feedbackIndex)
        private
        view
        returns (Feedback storage)
    {
        if (feedbackIndex == 0 || feedbackIndex > _lastIndex[agentId][clientAddress]) {
            revert FeedbackNotFound(agentId, clientAddress, feedbackIndex);
        }
        return _feedback[agentId][clientAddress][feedbackIndex];
    }

    function _filter(string memory tag1, string memory tag2) private pure returns (TagFilter memory) {
        return TagFilter({
            anyTag1: bytes(tag1).length == 0,
            tag1Hash: keccak256(bytes(tag1)),
            anyTag2: bytes(tag2).length == 0,
            tag2Hash: keccak256(bytes(tag2))
        });
    }

    /// @dev An empty filter matches every tag.
    function _matches(Feedback storage f, TagFilter memory filter) private view returns (bool) {
        return (filter.anyTag1 || keccak256(bytes(f.tag1)) == filter.tag1Hash)
            && (filter.anyTag2 || keccak256(bytes(f.tag2)) == filter.tag2Hash);
    }

    function _tallyClient(Tally memory tally, uint256 agentId, address client, TagFilter memory filter) private view {
        uint64 last = _lastIndex[agentId][client];
        for (uint64 j = 1; j <= last; j++) {
            Feedback storage f = _feedback[agentId][client][j];
            if (f.isRevoked || !_matches(f, filter)) continue;
            // |value| <= 1e38, so value * 1e18 <= 1e56 and the sum stays far inside int256
            tally.sumWad += int256(f.value) * int256(10 ** (MAX_VALUE_DECIMALS - f.valueDecimals));
            tally.decimalsSeen[f.valueDecimals]++;
            tally.count++;
        }
    }

    /// @dev The matching entries in client order, then index order; every known client when the list is empty.
    function _select(uint256 agentId, address[] memory clientAddresses, TagFilter memory filter, bool includeRevoked)
        private
        view
        returns (Entry[] memory selected)
    {
        address[] memory clientList = clientAddresses;
        if (clientList.length == 0) clientList = _clients[agentId];
        uint256 total;
        for (uint256 pass; pass < 2; pass++) {
            uint256 n;
            for (uint256 i; i < clientList.length; i++) {
                uint64 last = _lastIndex[agentId][clientList[i]];
                for (uint64 j = 1; j <= last; j++) {
                    Feedback storage f = _feedback[agentId][clientList[i]][j];
                    if ((!includeRevoked && f.isRevoked) || !_matches(f, filter)) continue;
                    if (pass == 1) selected[n] = Entry({client: clientList[i], feedbackIndex: j});
                    n++;
                }
            }
            total = n;
            if (pass == 0) selected = new Entry[](total);
        }
    }

    function _positions(Entry[] memory entries)
        private
        pure
        returns (address[] memory clients, uint64[] memory feedbackIndexes)
    {
        clients = new address[](entries.length);
        feedbackIndexes = new uint64[](entries.length);
        for (uint256 n; n < entries.length; n++) {
            clients[n] = entries[n].client;
            feedbackIndexes[n] = entries[n].feedbackIndex;
        }
    }

    function _values(uint256 agentId, Entry[] memory entries)
        private
        view
        returns (int128[] memory values, uint8[] memory valueDecimals, bool[] memory revokedStatuses)
    {
        values = new int128[](entries.length);
        valueDecimals = new uint8[](entries.length);
        revokedStatuses = new bool[](entries.length);
        for (uint256 n; n < entries.length; n++) {
            Feedback storage f = _feedback[agentId][entries[n].client][entries[n].feedbackIndex];
            values[n] = f.value;
            valueDecimals[n] = f.valueDecimals;
            revokedStatuses[n] = f.isRevoked;
        }
    }

    function _tags(uint256 agentId, Entry[] memory entries)
        private
        view
        returns (string[] memory tag1s, string[] memory tag2s)
    {
        tag1s = new string[](entries.length);
        tag2s = new string[](entries.length);
        for (uint256 n; n < entries.length; n++) {
            Feedback storage f = _feedback[agentId][entries[n].client][entries[n].feedbackIndex];
            tag1s[n] = f.tag1;
            tag2s[n] = f.tag2;
        }
    }

    function _countForClient(uint256 agentId, address clientAddress, address[] calldata responders)
        private
        view
        returns (uint64 count)
    {
        uint64 last = _lastIndex[agentId][clientAddress];
        for (uint64 j = 1; j <= last; j++) {
            count += _countResponses(agentId, clientAddress, j, responders);
        }
    }

    function _countResponses(uint256 agentId, address clientAddress, uint64 feedbackIndex, address[] calldata responders)
        private
        view
        returns (uint64 count)
    {
        mapping(address => uint64) storage counts = _responseCount[agentId][clientAddress][feedbackIndex];
        address[] storage all = _responders[agentId][clientAddress][feedbackIndex];
        uint256 length = responders.length == 0 ? all.length : responders.length;
        for (uint256 k; k < length; k++) {
            count += counts[responders.length == 0 ? all[k] : responders[k]];
        }
    }
}
