using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Portal.Data;

/// <summary>
/// Binds a provider value to a prepared statement's parameter by position, storing it as Microsoft.Data.Sqlite stores a
/// parameter of that value, <see cref="SqliteType"/> and size: binding by name looks the name up for every value, which
/// costs more than the insert it feeds. Text is encoded into one reused buffer.
/// </summary>
internal sealed class SqliteValueBinding
{
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private byte[] buffer = new byte[256];

    /// <summary>Binds <paramref name="value"/> (null or DBNull for NULL); <paramref name="size"/> above zero truncates text and blobs, as a parameter's Size does.</summary>
    public void Bind(sqlite3_stmt statement, int index, object? value, SqliteType type, int size)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => BindText(statement, index, size > 0 && text.Length > size ? text[..size] : text),
            byte[] blob => raw.sqlite3_bind_blob(statement, index, size > 0 && blob.Length > size ? blob.AsSpan(0, size) : blob),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            DateTime moment when type == SqliteType.Real => BindDouble(statement, index, ToJulianDay(moment)),
            DateTime moment => BindFormatted(statement, index, moment, DateTimeFormat),
            DateTimeOffset moment when type == SqliteType.Real => BindDouble(statement, index, ToJulianDay(moment.DateTime)),
            DateTimeOffset moment => BindFormatted(statement, index, moment, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz"),
            DateOnly day when type == SqliteType.Real => BindDouble(statement, index, ToJulianDay(day.ToDateTime(TimeOnly.MinValue))),
            DateOnly day => BindFormatted(statement, index, day, @"yyyy\-MM\-dd"),
            TimeOnly time when type == SqliteType.Real => BindDouble(statement, index, DayFraction(time)),
            TimeOnly time => BindFormatted(statement, index, time, time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fffffff"),
            Guid id when type == SqliteType.Blob => raw.sqlite3_bind_blob(statement, index, id.ToByteArray()),
            Guid id => BindText(statement, index, id.ToString().ToUpperInvariant()),
            double real => BindDouble(statement, index, real),
            float real => BindDouble(statement, index, real),
            decimal number => BindText(statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            TimeSpan span when type == SqliteType.Real => BindDouble(statement, index, span.TotalDays),
            TimeSpan span => BindText(statement, index, span.ToString("c", CultureInfo.InvariantCulture)),
            char letter when type == SqliteType.Integer => raw.sqlite3_bind_int64(statement, index, letter),
            char letter => BindText(statement, index, letter.ToString()),
            Enum or sbyte or byte or short or ushort or int or uint or long or ulong => raw.sqlite3_bind_int64(statement, index, Integer(value)),
            _ => throw new InvalidOperationException($"No SQLite storage is known for a value of type {value.GetType().Name}."),
        };
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, null);
        }
    }

    private static long Integer(object value) => value switch
    {
        ulong large => unchecked((long)large),
        Enum named => Integer(Convert.ChangeType(named, Enum.GetUnderlyingType(named.GetType()), CultureInfo.InvariantCulture)),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static int BindDouble(sqlite3_stmt statement, int index, double value) =>
        double.IsNaN(value)
            ? throw new InvalidOperationException("Cannot store 'NaN' values.")
            : raw.sqlite3_bind_double(statement, index, value);

    private int BindText(sqlite3_stmt statement, int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span would be bound as a null pointer, which SQLite stores as NULL.
            return raw.sqlite3_bind_text(statement, index, text);
        }
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }
        var written = Encoding.UTF8.GetBytes(text, buffer);
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
    }

    private int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string format) where T : IUtf8SpanFormattable
    {
        if (!value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} did not fit its text form.");
        }
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
    }

    private static double DayFraction(TimeOnly time) =>
        ((time.Hour * 3600000) + (time.Minute * 60000) + (long)((time.Second + (time.Millisecond / 1000.0)) * 1000)) / 86400000.0;

    /// <summary>The Julian day number SQLite's own date functions use, to the millisecond, as Microsoft.Data.Sqlite computes it.</summary>
    private static double ToJulianDay(DateTime moment)
    {
        var (year, month) = moment.Month <= 2 ? (moment.Year - 1, moment.Month + 12) : (moment.Year, moment.Month);
        var century = year / 100;
        var leap = 2 - century + (century / 4);
        var days = (36525 * (year + 4716) / 100) + (306001 * (month + 1) / 10000) + moment.Day + leap - 1524.5;
        var milliseconds = (long)(days * 86400000)
            + (moment.Hour * 3600000) + (moment.Minute * 60000) + (long)((moment.Second + (moment.Millisecond / 1000.0)) * 1000);
        return milliseconds / 86400000.0;
    }
}
