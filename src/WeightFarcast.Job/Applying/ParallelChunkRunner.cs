namespace WeightFarcast.Job.Applying;

/// <summary>
/// Runs chunks 0..count-1 on a fixed number of workers that take the next chunk from a shared counter, so at most one
/// chunk per worker is in flight (the bound on memory) and chunks start in order. Failures stay deterministic: when
/// chunk c fails, chunks after c are skipped but those before it still finish, and the error of the lowest failing
/// chunk is thrown, which is the error a sequential pass would have stopped on.
/// </summary>
internal static class ParallelChunkRunner
{
    /// <summary>Calls <paramref name="process"/>(worker state, chunk index) for every chunk; returns the sum of what it returned.</summary>
    public static long Run<TWorker>(int count, int workers, Func<TWorker> createWorker, Func<TWorker, int, long> process, Action<int>? chunkDone, CancellationToken cancellationToken)
    {
        workers = Math.Max(1, Math.Min(workers, Math.Max(1, count)));
        var next = -1;
        var failedAt = int.MaxValue;
        Exception? failure = null;
        var gate = new object();
        var totals = new long[workers];

        void Work(int worker)
        {
            try
            {
                var state = createWorker();
                while (!cancellationToken.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= count || index > Volatile.Read(ref failedAt))
                        return;
                    try
                    {
                        totals[worker] += process(state, index);
                        chunkDone?.Invoke(index);
                    }
                    catch (Exception e)
                    {
                        Fail(index, e);
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                Fail(-1, e); // the worker could not even start
            }
        }

        void Fail(int index, Exception e)
        {
            lock (gate)
            {
                if (index < failedAt)
                {
                    failedAt = index;
                    failure = e;
                }
            }
        }

        var others = Enumerable.Range(1, workers - 1)
            .Select(w => Task.Factory.StartNew(() => Work(w), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Work(0);
        Task.WaitAll(others, CancellationToken.None);

        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return totals.Sum();
    }
}
