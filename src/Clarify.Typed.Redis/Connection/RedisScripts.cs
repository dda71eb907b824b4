namespace Clarify.Typed.Redis.Connection;

/// <summary>
/// The Lua scripts this package runs, in one place so a connection can load them while it connects
/// (a first <c>EVAL</c> compiles, which can outlast an operation's timeout on a cold server).
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS[1]: a lock; ARGV[1]: its holder's random value. Deletes the lock only if it still holds that
    /// value: a lock that expired and was taken by another instance is left alone.
    /// </summary>
    public const string ReleaseLock = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <summary>
    /// KEYS[1]: the next free turn of a paced method (ms since the epoch on Redis's clock); ARGV[1]: the
    /// period in ms. Reserves the next free turn and returns how many ms the caller waits for it.
    /// Milliseconds keep every number exact as a Lua 5.1 double printed with 14 digits.
    /// </summary>
    public const string ReservePaceTurn = """
        local now = redis.call('TIME')
        local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local period = tonumber(ARGV[1])
        local turn = tonumber(redis.call('GET', KEYS[1]) or '0')
        if turn < nowMs then turn = nowMs end
        redis.call('SET', KEYS[1], string.format('%d', turn + period), 'PX', string.format('%d', turn + period - nowMs + 1000))
        return turn - nowMs
        """;

    public static readonly string[] All = [ReleaseLock, ReservePaceTurn];
}
