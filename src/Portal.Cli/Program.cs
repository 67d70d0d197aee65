using Portal.Cli;

return await PortalCommandLine.InvokeAsync(args, Console.Out, Console.Error);
