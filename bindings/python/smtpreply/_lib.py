"""ctypes declarations of libsmtpreply.so.1 (include/smtpreply.h).

Private to the package: the structures mirror the C layout exactly (see
docs/ABI.md: they keep their size for the whole of SONAME 1), and every
function gets its argument and return types.
"""
import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, c_char_p, c_int, c_longlong, c_size_t,
                    c_uint, c_void_p)

SONAME = "libsmtpreply.so.1"
MAJOR = 1


class Str(Structure):
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


class Enhanced(Structure):
    _fields_ = [("klass", c_int), ("subject", c_int), ("detail", c_int)]


class Reply(Structure):
    _fields_ = [
        ("code", c_int),
        ("first_code", c_int),
        ("klass", c_int),
        ("flags", c_uint),
        ("enhanced", Enhanced),
        ("nlines", c_size_t),
        ("raw", Str),
        ("error_offset", c_size_t),
        ("skip", c_size_t),
        ("first_line", Str),
        ("last_line", Str),
        ("expl", c_void_p),  # 1.1: carved out of reserved_[8]
        ("expl_enhanced", c_void_p),
        ("reserved_", c_void_p * 6),
    ]


class Options(Structure):
    _fields_ = [
        ("reject", c_uint),
        ("max_line", c_uint),
        ("max_lines", c_uint),
        ("max_reply", c_uint),
        ("reserved_", c_uint * 12),
    ]


class Parser(Structure):
    _fields_ = [("opts", Options), ("state_", c_size_t * 24)]


class Iter(Structure):
    _fields_ = [("pos_", c_size_t), ("index_", c_size_t)]


class EhloIter(Structure):
    _fields_ = [("line_", c_size_t), ("reserved_", c_size_t * 3)]


class Diagnosis(Structure):
    _fields_ = [
        ("action", c_int),
        ("reason", c_int),
        ("verdict", c_int),
        ("confidence", c_int),
        ("evidence", c_int),
        ("code", c_int),
        ("enhanced", Enhanced),
        ("provider", c_char_p),
        ("reserved_", c_void_p * 6),
    ]


class Found(Structure):
    _fields_ = [
        ("reply", Reply),
        ("has_reply", c_int),
        ("command", c_int),
        ("source", c_int),
        ("host", Str),
        ("recipient", Str),
        ("status", Str),
        ("action", Str),
        ("date", Str),
        ("problem", Str),
        ("offset", c_size_t),
        ("length", c_size_t),
        ("reserved_", c_void_p * 8),
    ]


class BounceIter(Structure):
    _fields_ = [("pos_", c_size_t), ("state_", c_size_t * 7)]


class Side(Structure):
    _fields_ = [("label", c_char_p), ("entry", c_void_p), ("reply", c_void_p),
                ("cmd", c_int), ("reserved_", c_void_p * 4)]


EXPL = c_void_p  # const smtpreply_expl *, opaque
REPLY_P = POINTER(Reply)

# name: (restype, argtypes)
PROTOTYPES = {
    "smtpreply_version": (c_char_p, []),
    "smtpreply_version_number": (c_uint, []),
    "smtpreply_result_name": (c_char_p, [c_int]),
    "smtpreply_result_message": (c_char_p, [c_int]),
    "smtpreply_flag_name": (c_char_p, [c_uint]),
    "smtpreply_options_init": (None, [POINTER(Options)]),
    "smtpreply_parse": (c_int, [c_void_p, c_size_t, POINTER(Options), REPLY_P]),
    "smtpreply_next_line": (c_int, [REPLY_P, POINTER(Iter), POINTER(Str)]),
    "smtpreply_line": (Str, [REPLY_P, c_size_t]),
    "smtpreply_parser_init": (None, [POINTER(Parser), POINTER(Options)]),
    "smtpreply_parser_parse": (c_int, [POINTER(Parser), c_void_p, c_size_t, REPLY_P]),
    "smtpreply_parser_reset": (None, [POINTER(Parser)]),
    "smtpreply_command_parse": (c_int, [c_char_p]),
    "smtpreply_command_name": (c_char_p, [c_int]),
    "smtpreply_explain_code": (EXPL, [c_int]),
    "smtpreply_explain_code_after": (EXPL, [c_int, c_int]),
    "smtpreply_explain_enhanced": (EXPL, [c_int, c_int, c_int]),
    "smtpreply_explain_text": (EXPL, [c_char_p]),
    "smtpreply_explain_class": (EXPL, [c_int]),
    "smtpreply_explain_category": (EXPL, [c_int]),
    "smtpreply_explain_reply": (EXPL, [REPLY_P, c_int]),
    "smtpreply_explain_reply_enhanced": (EXPL, [REPLY_P]),
    "smtpreply_expl_text": (c_char_p, [EXPL, c_int]),
    "smtpreply_expl_text_lang": (c_char_p, [EXPL, c_int, c_char_p]),
    "smtpreply_expl_flags": (c_uint, [EXPL]),
    "smtpreply_expl_code": (c_int, [EXPL]),
    "smtpreply_expl_enhanced": (c_int, [EXPL, POINTER(c_int), POINTER(c_int), POINTER(c_int)]),
    "smtpreply_expl_count": (c_size_t, []),
    "smtpreply_expl_at": (EXPL, [c_size_t]),
    "smtpreply_language": (c_char_p, [c_size_t]),
    "smtpreply_language_match": (c_char_p, [c_char_p]),
    "smtpreply_heading_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_action": (c_int, [REPLY_P, c_int]),
    "smtpreply_action_name": (c_char_p, [c_int]),
    "smtpreply_reason": (c_int, [REPLY_P, c_int]),
    "smtpreply_reason_name": (c_char_p, [c_int]),
    "smtpreply_reason_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_reason_party": (c_int, [c_int]),
    "smtpreply_party_name": (c_char_p, [c_int]),
    "smtpreply_action_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_action_description": (c_char_p, [c_int, c_char_p]),
    "smtpreply_reason_description": (c_char_p, [c_int, c_char_p]),
    "smtpreply_party_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_diagnose": (c_int, [REPLY_P, c_int, POINTER(Diagnosis)]),
    "smtpreply_verdict": (c_int, [REPLY_P, c_int]),
    "smtpreply_verdict_name": (c_char_p, [c_int]),
    "smtpreply_verdict_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_verdict_description": (c_char_p, [c_int, c_char_p]),
    "smtpreply_confidence_name": (c_char_p, [c_int]),
    "smtpreply_confidence_text": (c_char_p, [c_int, c_char_p]),
    "smtpreply_evidence_name": (c_char_p, [c_int]),
    "smtpreply_provider": (c_char_p, [REPLY_P]),
    "smtpreply_explain_provider": (EXPL, [REPLY_P]),
    "smtpreply_format": (c_size_t, [c_void_p, c_size_t, REPLY_P, c_char_p, c_int, c_uint]),
    "smtpreply_ehlo_next": (c_int, [REPLY_P, POINTER(EhloIter), POINTER(Str), POINTER(Str)]),
    "smtpreply_ehlo_find": (c_int, [REPLY_P, c_char_p, POINTER(Str)]),
    "smtpreply_ehlo_size": (c_longlong, [REPLY_P]),
    "smtpreply_ehlo_has_auth": (c_int, [REPLY_P, c_char_p]),
    "smtpreply_queue_id": (Str, [REPLY_P]),
    "smtpreply_source_name": (c_char_p, [c_int]),
    "smtpreply_reply_party": (c_int, [REPLY_P, c_int]),
    "smtpreply_compare_text": (c_size_t, [c_void_p, c_size_t, POINTER(Side), POINTER(Side), c_int,
                                          c_size_t, c_char_p]),
    "smtpreply_fallback_text": (c_size_t, [c_void_p, c_size_t, c_char_p, c_void_p, c_char_p]),
    "smtpreply_find": (c_int, [c_void_p, c_size_t, POINTER(c_size_t), c_uint, c_void_p, c_size_t,
                               POINTER(Found)]),
    "smtpreply_bounce_next": (c_int, [c_void_p, c_size_t, POINTER(BounceIter), c_void_p, c_size_t,
                                      POINTER(Found)]),
    "smtpreply_found_diagnose": (c_int, [POINTER(Found), POINTER(Diagnosis)]),  # 1.1
}


def _candidates():
    env = os.environ.get("SMTPREPLY_LIBRARY")
    if env:
        yield env
        return
    # Running from the source tree (bindings/python/smtpreply/): the build.
    top = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    tree = os.path.join(top, SONAME)
    if os.path.exists(tree) and os.path.exists(os.path.join(top, "include", "smtpreply.h")):
        yield tree
    found = ctypes.util.find_library("smtpreply")
    if found:
        yield found
    yield SONAME


def load():
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            errors.append("%s: %s" % (path, e))
            continue
        for name, (restype, argtypes) in PROTOTYPES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        version = lib.smtpreply_version_number()
        if version >> 16 != MAJOR:
            errors.append("%s: version %s, not %d.x" % (path, lib.smtpreply_version().decode(), MAJOR))
            continue
        lib.path = path
        return lib
    raise ImportError("libsmtpreply.so.1 not found (set SMTPREPLY_LIBRARY to its path): "
                      + "; ".join(errors))


lib = load()
