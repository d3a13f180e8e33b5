using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TodoApp;
using TodoApp.Todos;

namespace Live.IntegrationTests.TodoApp;

/// <summary>The sample's development sign-in: a cookie the Live connection carries, and the admin-only ClearAll.</summary>
public sealed class TodoAppSignInTests
{
    [Fact]
    public async Task A_signed_in_non_admin_is_forbidden_to_clear_all_and_an_admin_clears_it()
    {
        await using var app = await SampleApp.StartAsync("Development");
        await using var bob = await app.ConnectAsAsync("bob");
        await using var alice = await app.ConnectAsAsync("alice");
        var bobList = await bob.MountAsync("TodoList");
        var aliceList = await alice.MountAsync("TodoList");
        await bobList.InvokeAsync("add", new { text = "milk" });

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => bobList.InvokeAsync("clearAll"));
        Assert.Equal("forbidden", refused.Code);
        await aliceList.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 1, Clients.Wait);

        Assert.Equal(1, await aliceList.InvokeAsync<int>("clearAll"));
        await bobList.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 0, Clients.Wait);
    }

    [Fact]
    public async Task An_anonymous_connection_may_not_clear_all()
    {
        await using var app = await SampleApp.StartAsync("Development");
        await using var anonymous = await LiveConnection.ConnectAsync(app.LiveUri);
        var list = await anonymous.MountAsync("TodoList");

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => list.InvokeAsync("clearAll"));

        Assert.Equal("unauthorized", refused.Code);
    }

    [Fact]
    public async Task Outside_Development_there_is_no_sign_in()
    {
        await using var app = await SampleApp.StartAsync("Production");
        using var http = new HttpClient { BaseAddress = app.BaseUri };

        var me = JsonDocument.Parse(await http.GetStringAsync("/account/me")).RootElement;
        var login = await http.PostAsync("/account/login", new FormUrlEncodedContent([KeyValuePair.Create("user", "alice")]));

        Assert.Equal(0, me.GetProperty("devUsers").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("name").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
    }

    private sealed class SampleApp : IAsyncDisposable
    {
        private readonly string dataFile = Path.Combine(Path.GetTempPath(), $"live-todo-{Guid.NewGuid():N}.json");
        private WebApplication app = null!;

        public Uri BaseUri { get; private set; } = null!;

        public Uri LiveUri => new($"ws://{BaseUri.Authority}/live");

        public static async Task<SampleApp> StartAsync(string environment)
        {
            RuntimeHelpers.RunModuleConstructor(typeof(TodoList).Module.ModuleHandle);
            var sample = new SampleApp();
            sample.app = TodoAppHost.Create([
                "--urls", "http://127.0.0.1:0", "--environment", environment, "--TodoApp:DataFile", sample.dataFile,
                "--Logging:LogLevel:Default", "Warning",
                "--TodoApp:DevUsers:0:Name", "alice", "--TodoApp:DevUsers:0:Roles:0", "admin", "--TodoApp:DevUsers:1:Name", "bob",
            ], services => services.AddAuthorization(TestPolicies.AddTo));
            await sample.app.StartAsync();
            sample.BaseUri = new Uri(sample.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return sample;
        }

        /// <summary>Signs in through the page's form (antiforgery token included) and connects with the cookie.</summary>
        public async Task<LiveConnection> ConnectAsAsync(string user)
        {
            var cookies = new CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = BaseUri };
            var me = JsonDocument.Parse(await http.GetStringAsync("/account/me")).RootElement.GetProperty("antiforgery");
            var login = await http.PostAsync("/account/login", new FormUrlEncodedContent(
            [
                KeyValuePair.Create("user", user),
                KeyValuePair.Create(me.GetProperty("field").GetString()!, me.GetProperty("token").GetString()!),
            ]));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var header = cookies.GetCookieHeader(BaseUri);
            return await LiveConnection.ConnectAsync(LiveUri, new LiveConnectionOptions
            {
                ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", header),
            });
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            File.Delete(dataFile);
        }
    }
}
