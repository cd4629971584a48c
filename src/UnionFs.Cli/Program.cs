using UnionFs.Cli;

return Cli.Run(args, CliConsole.FromSystemConsole());
