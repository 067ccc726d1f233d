package io.sparkk8s.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Prints a bash/zsh completion script for spark-k8s.",
        footer = {
            "",
            "Enable it in the current shell:  source <(./spark-k8s completion)",
            "or install it:  ./spark-k8s completion > /etc/bash_completion.d/spark-k8s"
        })
final class CompletionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(picocli.AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return SparkK8s.OK;
    }
}
