/** Reading lending market parameters, state and activity at given blocks. */
package io.chaoschain.chains.market;
