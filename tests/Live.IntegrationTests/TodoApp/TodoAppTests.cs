using System.Runtime.CompilerServices;
using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TodoApp;
using TodoApp.Todos;

namespace Live.IntegrationTests.TodoApp;

public sealed class TodoAppTests : IAsyncLifetime
{
    private readonly string dataFile = Path.Combine(Path.GetTempPath(), $"live-todo-{Guid.NewGuid():N}.json");
    private WebApplication? app;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        File.Delete(dataFile);
    }

    [Fact]
    public async Task Two_connections_see_each_others_changes_to_the_shared_list()
    {
        await using var alice = await LiveConnection.ConnectAsync(LiveUri);
        await using var bob = await LiveConnection.ConnectAsync(LiveUri);
        var aliceList = await alice.MountAsync("TodoList");
        var bobList = await bob.MountAsync("TodoList");

        var milk = await aliceList.InvokeAsync<Guid>("add", new { text = "milk" });
        await bobList.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 1, Clients.Wait);
        await bobList.InvokeAsync("toggle", new { id = milk });
        await aliceList.WaitForStateAsync(s => s["todos"]![0]!["done"]!.GetValue<bool>(), Clients.Wait);
        await aliceList.InvokeAsync("rename", new { id = milk, text = "oat milk" });
        await bobList.WaitForStateAsync(s => s["todos"]![0]!["text"]!.GetValue<string>() == "oat milk", Clients.Wait);
        var bread = await bobList.InvokeAsync<Guid>("add", new { text = "bread" });
        var cleared = await aliceList.InvokeAsync<int>("clearCompleted");
        await bobList.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 1, Clients.Wait);
        await aliceList.InvokeAsync("remove", new { id = bread });
        await bobList.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 0, Clients.Wait);

        Assert.Equal(1, cleared);
        Assert.Equal(aliceList.Version, bobList.Version);
        Assert.Equal(aliceList.State.ToJsonString(), bobList.State.ToJsonString());
    }

    [Fact]
    public async Task Each_connection_has_its_own_view_state()
    {
        await using var alice = await LiveConnection.ConnectAsync(LiveUri);
        await using var bob = await LiveConnection.ConnectAsync(LiveUri);
        var aliceView = await alice.MountAsync("TodoView");
        var bobView = await bob.MountAsync("TodoView");

        await aliceView.InvokeAsync("setFilter", new { filter = "completed" });
        await aliceView.InvokeAsync("setDraft", new { text = "eggs" });

        Assert.Equal("completed", aliceView.State["filter"]!.GetValue<string>());
        Assert.Equal("eggs", aliceView.State["draft"]!.GetValue<string>());
        Assert.Equal("all", bobView.State["filter"]!.GetValue<string>());
        var error = await Assert.ThrowsAsync<LiveErrorException>(() => bobView.InvokeAsync("setFilter", new { filter = "everything" }));
        Assert.Equal("action_failed", error.Code);
    }

    [Fact]
    public async Task The_view_counts_the_remaining_todos_and_follows_changes_made_by_others()
    {
        await using var alice = await LiveConnection.ConnectAsync(LiveUri);
        await using var bob = await LiveConnection.ConnectAsync(LiveUri);
        var aliceList = await alice.MountAsync("TodoList");
        var milk = await aliceList.InvokeAsync<Guid>("add", new { text = "milk" });
        var bobView = await bob.MountAsync("TodoView");
        Assert.Equal(1, bobView.State["remaining"]!.GetValue<int>());

        await aliceList.InvokeAsync("add", new { text = "bread" });
        await bobView.WaitForStateAsync(s => s["remaining"]!.GetValue<int>() == 2, Clients.Wait);
        await aliceList.InvokeAsync("toggle", new { id = milk });
        await bobView.WaitForStateAsync(s => s["remaining"]!.GetValue<int>() == 1, Clients.Wait);
    }

    [Fact]
    public async Task The_list_survives_a_restart_of_the_app()
    {
        await using (var client = await LiveConnection.ConnectAsync(LiveUri))
        {
            var list = await client.MountAsync("TodoList");
            await list.InvokeAsync("add", new { text = "persisted" });
        }

        await StopAsync();
        await StartAsync();

        await using var again = await LiveConnection.ConnectAsync(LiveUri);
        var reloaded = await again.MountAsync("TodoList");
        Assert.Equal("persisted", reloaded.State["todos"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_view_rehydrated_with_a_draft_after_a_restart_says_again_in_the_presence_room_that_it_is_editing()
    {
        string token;
        string editorKey;
        await using (var before = await LiveConnection.ConnectAsync(LiveUri))
        {
            var inbox = Inbox.Of(before);
            var view = await before.MountAsync("TodoView");
            await view.InvokeAsync("setDraft", new { text = "half a thought" });
            editorKey = view.State["editorKey"]!.GetValue<string>();
            await inbox.WaitForTypeAsync("token", t => t.GetProperty("version").GetInt64() >= view.Version);
            token = inbox.OfType("token")[^1].GetProperty("token").GetString()!;
        }

        await StopAsync();
        await StartAsync();

        await using var observer = await LiveConnection.ConnectAsync(LiveUri);
        var watch = Rooms.RoomWire.Watch(observer);
        await observer.MountAsync("TodoView");
        var room = (await watch.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        await using var after = await LiveConnection.ConnectAsync(LiveUri);
        var answer = await after.SendRawRequestAsync(
            System.Text.Json.JsonSerializer.Serialize(new { type = "rehydrate", id = "rh", component = "TodoView", token }), "rh");

        Assert.True(answer.GetProperty("rehydrated").GetBoolean(), answer.GetRawText());
        Assert.Equal("half a thought", answer.GetProperty("state").GetProperty("draft").GetString());
        var document = await watch.RoomDocumentAsync(room, d => d["live"]![$"editing:{editorKey}"] is not null);
        Assert.True(document["live"]![$"editing:{editorKey}"]!["value"]!.GetValue<bool>());
    }

    private Uri LiveUri
    {
        get
        {
            var address = app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/live");
        }
    }

    private async Task StartAsync()
    {
        // The sample's components are registered by its module initializer; make sure it has run.
        RuntimeHelpers.RunModuleConstructor(typeof(TodoList).Module.ModuleHandle);
        app = TodoAppHost.Create(["--urls", "http://127.0.0.1:0", "--TodoApp:DataFile", dataFile, "--Logging:LogLevel:Default", "Warning",
            "--Live:Signing:Keys:0:Id", "test-1", "--Live:Signing:Keys:0:Secret", LiveServer.TestSigningKey["Live:Signing:Keys:0:Secret"]!],
            services => services.AddAuthorization(TestPolicies.AddTo));
        await app.StartAsync();
    }

    private async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }
}
