using System.Buffers.Binary;
using System.Text;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Reading.PyTorch;

/// <summary>
/// A minimal pickle virtual machine for torch.save state_dicts (protocols 2-5). It never imports or calls anything:
/// globals become <see cref="PickleGlobal"/> records and only the few constructors a state_dict uses are
/// interpreted (OrderedDict, _rebuild_tensor_v2, _rebuild_parameter); persistent ids become
/// <see cref="StorageReference"/>. Any other opcode is refused, so a hostile file cannot do more than fail.
/// </summary>
internal sealed class StateDictUnpickler
{
    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly string _path;
    private readonly List<object?> _stack = [];
    private readonly Dictionary<long, object?> _memo = [];
    private int _position;

    private StateDictUnpickler(byte[] data, string path)
    {
        _data = data;
        _path = path;
    }

    public static object? Load(byte[] data, string path) => new StateDictUnpickler(data, path).Run();

    private object? Run()
    {
        while (true)
        {
            var at = _position;
            var opcode = TakeByte();
            switch (opcode)
            {
                case 0x80: TakeByte(); break; // PROTO
                case 0x95: Take(8); break; // FRAME: framing is only a read-ahead hint
                case (byte)'.': return Pop(); // STOP
                case (byte)'}': Push(new PickleDict()); break;
                case (byte)']': Push(new List<object?>()); break;
                case (byte)')': Push(new PickleTuple([])); break;
                case (byte)'(': Push(Mark); break;
                case (byte)'N': Push(null); break;
                case 0x88: Push(true); break;
                case 0x89: Push(false); break;
                case (byte)'K': Push((long)TakeByte()); break;
                case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case 0x8a: Push(TakeLong1()); break;
                case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case (byte)'X': Push(TakeString(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case 0x8c: Push(TakeString(TakeByte())); break;
                case 0x8d: Push(TakeString(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))); break;
                case (byte)'U': Push(TakeString(TakeByte())); break;
                case (byte)'T': Push(TakeString(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case (byte)'C': Push(Take(TakeByte()).ToArray()); break;
                case (byte)'B': Push(Take(CheckedLength(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray()); break;
                case (byte)'q': _memo[TakeByte()] = Peek(); break;
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
                case 0x94: _memo[_memo.Count] = Peek(); break;
                case (byte)'h': Push(Recall(TakeByte())); break;
                case (byte)'j': Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case (byte)'c': Push(new PickleGlobal(TakeLine(), TakeLine())); break;
                case 0x93: PushStackGlobal(); break;
                case (byte)'t': Push(new PickleTuple(PopToMark().ToArray())); break;
                case 0x85: Push(new PickleTuple([Pop()])); break;
                case 0x86: { var b = Pop(); var a = Pop(); Push(new PickleTuple([a, b])); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new PickleTuple([a, b, c])); break; }
                case (byte)'l': Push(PopToMark()); break;
                case (byte)'d': Push(ToDict(PopToMark())); break;
                case (byte)'a': { var item = Pop(); As<List<object?>>(Peek(), at).Add(item); break; }
                case (byte)'e': { var items = PopToMark(); As<List<object?>>(Peek(), at).AddRange(items); break; }
                case (byte)'s': { var value = Pop(); var key = Pop(); As<PickleDict>(Peek(), at).Items.Add(new(key, value)); break; }
                case (byte)'u': { var items = ToDict(PopToMark()); As<PickleDict>(Peek(), at).Items.AddRange(items.Items); break; }
                case (byte)'0': Pop(); break;
                case (byte)'1': PopToMark(); break;
                case (byte)'2': Push(Peek()); break;
                case (byte)'Q': Push(PersistentLoad(Pop(), at)); break;
                case (byte)'R': { var args = Pop(); Push(Reduce(As<PickleGlobal>(Pop(), at), args, at)); break; }
                case 0x81: { var args = Pop(); Push(new PickleObject(As<PickleGlobal>(Pop(), at), args)); break; }
                case (byte)'b': Pop(); break; // BUILD: object state (e.g. OrderedDict._metadata) is not needed
                default:
                    throw Error($"unsupported pickle opcode 0x{opcode:x2} at byte {at} of data.pkl.");
            }
        }
    }

    private object Reduce(PickleGlobal callable, object? args, int at)
    {
        var items = As<PickleTuple>(args, at).Items;
        switch (callable.Module, callable.Name)
        {
            case ("collections", "OrderedDict"):
            case ("builtins", "dict"):
                return new PickleDict();
            case ("torch._utils", "_rebuild_tensor_v2"):
                if (items.Length < 4)
                    throw Error($"_rebuild_tensor_v2 at byte {at} has {items.Length} arguments, expected at least 4.");
                return new TensorReference(
                    As<StorageReference>(items[0], at), As<long>(items[1], at), Longs(items[2], at), Longs(items[3], at));
            case ("torch._utils", "_rebuild_parameter" or "_rebuild_parameter_with_state"):
                if (items.Length < 1)
                    throw Error($"{callable} at byte {at} has no arguments.");
                return As<TensorReference>(items[0], at);
            default:
                return new PickleObject(callable, args);
        }
    }

    private StorageReference PersistentLoad(object? pid, int at)
    {
        var items = As<PickleTuple>(pid, at).Items;
        if (items.Length != 5 || items[0] is not "storage")
            throw Error($"unsupported persistent id at byte {at} (expected ('storage', type, key, location, numel)).");
        var storageType = As<PickleGlobal>(items[1], at);
        var dtype = storageType.Name switch
        {
            "FloatStorage" => DType.F32,
            "DoubleStorage" => DType.F64,
            "HalfStorage" => DType.F16,
            "BFloat16Storage" => DType.BF16,
            "LongStorage" => DType.I64,
            "IntStorage" => DType.I32,
            "ShortStorage" => DType.I16,
            "CharStorage" => DType.I8,
            "ByteStorage" => DType.U8,
            "BoolStorage" => DType.BOOL,
            "UInt16Storage" => DType.U16,
            "UInt32Storage" => DType.U32,
            "UInt64Storage" => DType.U64,
            "Float8_e4m3fnStorage" => DType.F8_E4M3,
            "Float8_e5m2Storage" => DType.F8_E5M2,
            _ => throw Error($"unsupported storage type {storageType} (complex, quantized and other storages are not read)."),
        };
        var key = items[2] as string ?? throw Error($"storage key at byte {at} is not a string.");
        var count = As<long>(items[4], at);
        if (count < 0)
            throw Error($"storage '{key}' has a negative size.");
        return new StorageReference(dtype, key, count);
    }

    private void PushStackGlobal()
    {
        var name = Pop() as string;
        var module = Pop() as string;
        if (name is null || module is null)
            throw Error($"STACK_GLOBAL at byte {_position - 1} needs two strings.");
        Push(new PickleGlobal(module, name));
    }

    private PickleDict ToDict(List<object?> items)
    {
        if (items.Count % 2 != 0)
            throw Error("odd number of items for a dict.");
        var dict = new PickleDict();
        for (var i = 0; i < items.Count; i += 2)
            dict.Items.Add(new(items[i], items[i + 1]));
        return dict;
    }

    private long[] Longs(object? value, int at) => As<PickleTuple>(value, at).Items.Select(v => As<long>(v, at)).ToArray();

    private T As<T>(object? value, int at) =>
        value is T typed ? typed : throw Error($"expected {typeof(T).Name} at byte {at} of data.pkl, found {value?.GetType().Name ?? "None"}.");

    private object? Recall(long index) =>
        _memo.TryGetValue(index, out var value) ? value : throw Error($"memo entry {index} is read before it is written.");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek() =>
        _stack.Count > 0 && _stack[^1] != Mark ? _stack[^1] : throw Error($"pickle stack underflow at byte {_position}.");

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private List<object?> PopToMark()
    {
        var mark = _stack.LastIndexOf(Mark);
        if (mark < 0)
            throw Error($"pickle MARK missing at byte {_position}.");
        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte TakeByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - _position)
            throw Error($"data.pkl ends inside an instruction at byte {_position}.");
        var span = _data.AsSpan(_position, (int)count);
        _position += (int)count;
        return span;
    }

    private static long CheckedLength(ulong length) => length > int.MaxValue ? -1 : (long)length;

    private string TakeString(ulong length)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(CheckedLength(length)));
        }
        catch (DecoderFallbackException e)
        {
            throw Error($"string at byte {_position} is not valid UTF-8: {e.Message}");
        }
    }

    private string TakeLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0)
            throw Error("GLOBAL name is not terminated.");
        var line = Encoding.ASCII.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private long TakeLong1()
    {
        var length = TakeByte();
        if (length > 8)
            throw Error($"integer of {length} bytes at byte {_position} is too large.");
        var bytes = Take(length);
        long value = 0;
        for (var i = length - 1; i >= 0; i--)
            value = (value << 8) | bytes[i];
        if (length is > 0 and < 8 && (bytes[length - 1] & 0x80) != 0)
            value -= 1L << (8 * length); // two's complement sign
        return value;
    }

    private CheckpointFormatException Error(string reason) => new(_path, reason);
}
