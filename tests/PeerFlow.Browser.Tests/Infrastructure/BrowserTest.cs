namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>The tests share one browser and one server, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

/// <summary>
/// Base of every browser test: the shared app, and the test's browser contexts closed when it ends. Each test class
/// also needs <c>[Collection(BrowserCollection.Name)]</c>: xunit does not inherit it.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    protected BrowserApp App { get; } = app;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => App.CloseContextsAsync();
}
