package io.chaoschain.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The log's configuration, set up in code rather than read from an XML file: parsing a logback XML file is a large
 * share of a short command's start. Progress goes to stdout through the CLI's own printer; the log (warnings, errors,
 * debug on request with {@code CHAOSCHAIN_LOG_LEVEL}) goes to stderr. A {@code logback-test.xml} on the class path or
 * {@code -Dlogback.configurationFile=FILE} takes precedence.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        String level = System.getProperty("CHAOSCHAIN_LOG_LEVEL", System.getenv("CHAOSCHAIN_LOG_LEVEL"));
        context.getLogger("io.chaoschain").setLevel(Level.toLevel(level, Level.WARN));
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "org.web3j"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        // the embedding model's tokenizer probes for CUDA and warns when there is none; the model runs on the CPU
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
