using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;
using Portal.Web.Infrastructure;

namespace Portal.IntegrationTests.Api;

/// <summary>A change the database could not take in time (chain lock not granted, busy, deadlocked) is a 503 problem, never a 500.</summary>
public sealed class DatabaseBusyProblemTests
{
    public static TheoryData<Exception> BusyFailures => new()
    {
        new DbUpdateException("saving", new AuditChainLockNotGrantedException(-1)),
        new RetryLimitExceededException("retried", new DbUpdateException("saving", new SqliteException("database is locked", 5))),
        new AuditChainLockNotGrantedException(-3),
    };

    [Theory]
    [MemberData(nameof(BusyFailures))]
    public async Task A_busy_database_answers_503_with_a_clear_problem_and_retry_after(Exception failure)
    {
        var written = new RecordingProblemDetails();
        var http = new DefaultHttpContext();

        var handled = await new ApiExceptionHandler(written).TryHandleAsync(http, failure, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("The database is busy; nothing was changed", written.Problem?.Title);
        Assert.DoesNotContain("   at ", written.Problem?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_database_failures_are_left_to_the_default_handling()
    {
        var handled = await new ApiExceptionHandler(new RecordingProblemDetails())
            .TryHandleAsync(new DefaultHttpContext(), new DbUpdateException("saving", new SqliteException("constraint", 19, 787)), CancellationToken.None);

        Assert.False(handled);
    }

    private sealed class RecordingProblemDetails : IProblemDetailsService
    {
        public ProblemDetails? Problem { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.FromResult(true);
        }
    }
}
