/** How attested contributions map onto scoring events: {@link io.chaoschain.reputation.mapping.Contributions}. */
package io.chaoschain.reputation.mapping;
