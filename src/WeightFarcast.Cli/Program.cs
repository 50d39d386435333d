using WeightFarcast.Cli;

// Wiring only: the process's console and environment into the CLI; CliApplication maps every outcome to an exit code.
return await CliApplication.RunAsync(args, CliContext.FromProcess());
