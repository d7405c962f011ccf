/** Types, services, time and crypto helpers shared by every ChaosChain module; depends on nothing else of ours. */
package io.chaoschain.core;
