/** Implementation details of the chain client; not an API. */
package io.chaoschain.chains.internal;
