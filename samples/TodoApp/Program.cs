TodoApp.TodoAppHost.Create(args).Run();
