using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// Hold-mode load for tests/benchmarks/hold.sh. Two shapes:
//   burst URL USERS      every user calls once (allowed, forwarded), then every user calls again at once: each
//                        second call is held until its user's slot, so USERS calls are held together. Prints
//                        PRIMED after the first calls (then waits HOLD_PAUSE_MS, for the script to read the
//                        gateway's memory), ALL_SENT once every second call is started, and one HOLD line
//                        when all are answered.
//   keep URL USERS SECONDS
//                        each user calls in a loop for SECONDS: after its first call every call is held a
//                        window, so USERS calls stay held while other load runs beside them. Prints one HOLD line.
// Calls are the benchmark's SOAP 1.1 call (common.lua): POST /sst/runtime.asvc/RetrieveDRRSLocations_v1.
if (args.Length < 3 || args[0] is not ("burst" or "keep"))
{
    Console.Error.WriteLine("usage: HoldLoad burst URL USERS | HoldLoad keep URL USERS SECONDS");
    return 2;
}

var shape = args[0];
var gateway = new Uri(args[1]);
var users = int.Parse(args[2], CultureInfo.InvariantCulture);
var tag = Environment.GetEnvironmentVariable("BENCH_TAG") ?? "h";
const string Operation = "RetrieveDRRSLocations_v1";
var envelope = Encoding.UTF8.GetBytes(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
    + "<soapenv:Header/><soapenv:Body><RetrieveDRRSLocations/></soapenv:Body></soapenv:Envelope>");

using var client = new HttpClient(new SocketsHttpHandler
{
    // One connection per held call, as each participant program has its own.
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(30),
})
{
    Timeout = TimeSpan.FromMinutes(3),
};

var results = new Results();
var stopwatch = Stopwatch.StartNew();
if (shape == "burst")
{
    // Priming in bounded batches: the first calls are forwarded, and the backend need not take them all at once.
    using (var priming = new SemaphoreSlim(256))
    {
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            await priming.WaitAsync();
            try
            {
                await CallAsync(user, null);
            }
            finally
            {
                priming.Release();
            }
        }));
    }

    var primed = results.Snapshot();
    if (primed.Ok != users)
    {
        Console.Error.WriteLine($"priming: {primed.Ok} of {users} first calls answered 200 ({primed.Other} other, {primed.Errors} errors)");
        return 1;
    }

    // The script reads the gateway's memory now, before any call is held; HOLD_PAUSE_MS gives it the time.
    Console.WriteLine($"PRIMED seconds={stopwatch.Elapsed.TotalSeconds:0.000}");
    await Task.Delay(int.Parse(Environment.GetEnvironmentVariable("HOLD_PAUSE_MS") ?? "0", CultureInfo.InvariantCulture));
    results = new Results();
    var sent = 0;
    var held = Enumerable.Range(0, users).Select(user => CallAsync(user, () =>
    {
        if (Interlocked.Increment(ref sent) == users)
        {
            Console.WriteLine($"ALL_SENT seconds={stopwatch.Elapsed.TotalSeconds:0.000}");
        }
    })).ToArray();
    await Task.WhenAll(held);
}
else
{
    var until = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
    await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
    {
        while (stopwatch.Elapsed < until)
        {
            await CallAsync(user, null);
        }
    }));
}

var summary = results.Snapshot();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"HOLD requests={summary.Ok + summary.Other + summary.Errors} ok={summary.Ok} other={summary.Other} errors={summary.Errors} held={summary.Held.Count} held_p50_ms={Percentile(summary.Held, 50)} held_p99_ms={Percentile(summary.Held, 99)} held_max_ms={Percentile(summary.Held, 100)} seconds={stopwatch.Elapsed.TotalSeconds:0.000}"));
return summary.Errors == 0 && summary.Other == 0 ? 0 : 1;

async Task CallAsync(int user, Action? onSent)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/sst/runtime.asvc/" + Operation))
    {
        Content = new ByteArrayContent(envelope),
    };
    request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
    request.Headers.TryAddWithoutValidation("SOAPAction", "http://www.caiso.com/soa/" + Operation);
    request.Headers.TryAddWithoutValidation("X-Drrs-User", $"hold-{tag}-{user}");
    try
    {
        var answer = client.SendAsync(request);
        onSent?.Invoke();
        using var response = await answer;
        await response.Content.LoadIntoBufferAsync();
        var heldMs = response.Headers.TryGetValues("X-Drrs-Held-Ms", out var values)
            && int.TryParse(values.First(), CultureInfo.InvariantCulture, out var ms) ? ms : (int?)null;
        results.Add(response.StatusCode == HttpStatusCode.OK, heldMs);
    }
    catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
    {
        results.AddError();
    }
}

static int Percentile(List<int> values, int percentile)
{
    if (values.Count == 0)
    {
        return 0;
    }

    values.Sort();
    var index = (int)Math.Ceiling(percentile / 100.0 * values.Count) - 1;
    return values[Math.Clamp(index, 0, values.Count - 1)];
}

/// <summary>Answers counted from many tasks at once.</summary>
internal sealed class Results
{
    private readonly Lock _lock = new();
    private readonly List<int> _held = [];
    private int _ok;
    private int _other;
    private int _errors;

    public void Add(bool ok, int? heldMs)
    {
        lock (_lock)
        {
            if (ok) { _ok++; } else { _other++; }
            if (heldMs is { } ms) { _held.Add(ms); }
        }
    }

    public void AddError()
    {
        lock (_lock)
        {
            _errors++;
        }
    }

    public (int Ok, int Other, int Errors, List<int> Held) Snapshot()
    {
        lock (_lock)
        {
            return (_ok, _other, _errors, [.. _held]);
        }
    }
}
