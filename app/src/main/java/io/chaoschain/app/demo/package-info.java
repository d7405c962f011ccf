/**
 * The scripted local demo behind {@code chaoschain demo}: {@link io.chaoschain.app.demo.DemoWorld} sets up a devnet
 * with the DAO, an agent, rate-sensitive {@link io.chaoschain.app.demo.TrafficGenerator traffic} and scripted voters;
 * {@link io.chaoschain.app.demo.CrossChainDemo} runs two chains and two nodes sharing one insight; {@link
 * io.chaoschain.app.demo.DemoSummary} reports what the run proved. Devnets only.
 */
package io.chaoschain.app.demo;
