package io.smartcrm.app.cli;

import io.smartcrm.generator.GeneratorConfig;
import io.smartcrm.generator.KafkaEventPublisher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes the realistic, seeded event stream to Kafka (the same generator `run` starts). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Publish generated customer events (personas, sessions, carts, campaigns, tickets, dirty "
                + "and malformed records, duplicates) to Kafka. Runs until Ctrl-C, or until --count events.")
public class GenerateCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "crm.events", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(names = "--customers", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--rate", defaultValue = "2000", description = "Events per second; 0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--base-currency", defaultValue = "GBP",
            description = "The job's base currency (orders in it may omit currency). Default: ${DEFAULT-VALUE}.")
    String baseCurrency;

    @Option(names = "--count", description = "Stop after this many events (default: run until stopped).")
    Long count;

    @Mixin
    ShiftOptions shift;

    @Override
    public Integer call() {
        GeneratorConfig.Builder builder = GeneratorConfig.builder().customers(customers).rate(rate).seed(seed)
                .topic(topic).baseCurrency(baseCurrency);
        shift.apply(builder, builder.build().startTime());
        GeneratorConfig config = builder.build();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(config, bootstrapServers)) {
            Thread hook = new Thread(publisher::stop, "generator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (count != null) {
                publisher.publish(count);
            } else {
                publisher.run();
            }
            System.out.println(publisher.stats());
        }
        return 0;
    }
}
