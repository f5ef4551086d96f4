/* msg_help.c - the help texts of the smtpreply command in en, fr, ja, ko:
 * `smtpreply --help`, each command's usage lines and description, and the
 * help line of each option (opt.c lays them out).
 *
 * Lines stay under 80 columns (a CJK character takes two). Command names,
 * option names, metavariables (CODE, FILE, DIR...), examples and JSON
 * keys are the same in every language. French puts a no-break space
 * (U+00A0) before ":" ";" "?" and inside guillemets; Japanese uses
 * full-width parentheses and colon. */
#include "msg.h"

#include <stddef.h>

static const char *const en[H_COUNT] = {
	[H_NONE] = "",
	[H_OPTIONS] = "\nOptions:\n",
	[H_OPT_LANG] = "language: en, fr, ja, ko... (default from\n"
	               "LC_ALL, LC_MESSAGES, LANG; JSON: English unless\n"
	               "given)",
	[H_OPT_JSON] = "JSON output",
	[H_OPT_COLOR] = "colour: auto, always or never",
	[H_OPT_HELP] = "this text",
	[H_OPT_EXPLAIN_AFTER] =
		"the command the reply answers (EHLO, MAIL, RCPT,\n"
		"DATA, DOT for the end of data, AUTH, STARTTLS...)",
	[H_OPT_HTML] = "compare: one HTML page in the form of the\n"
	               "reference site's \"A vs B\" pages (smtpreply site)",
	[H_OPT_CODES] = "reply codes only",
	[H_OPT_ENHANCED] = "enhanced status codes only (registry entries)",
	[H_OPT_CLASSES] = "classes, categories and enhanced subjects only",
	[H_OPT_PROVIDERS] = "providers' own codes only",
	[H_OPT_VERBOSE] = "with the description, when and fix of each",
	[H_OPT_PARSE_AFTER] =
		"the command every reply answers (RCPT, DATA...),\n"
		"for the contextual name, action and reason",
	[H_OPT_INPUT] = "what the FILEs hold: raw (server bytes), log (MTA\n"
	                "log lines), dsn (bounce messages: .eml, mbox,\n"
	                "Maildir), transcript (swaks, smtplib, curl -v...);\n"
	                "default: detected per file, then per line",
	[H_OPT_COMMANDS] = "one command name per line, the Nth for the Nth\n"
	                   "reply (after them: --after, else unknown)",
	[H_OPT_STRICT] = "report replies that break RFC 5321 (bare LF,\n"
	                 "long lines, code mismatches...) as errors",
	[H_OPT_SUMMARY] = "counts instead of one line per reply (what\n"
	                  "`smtpreply stats` does)",
	[H_OPT_MAX_LINE] = "longest line in bytes (default 4096)",
	[H_OPT_MAX_LINES] = "most lines in one reply (default 1000)",
	[H_OPT_MAX_REPLY] = "longest reply in bytes (default 65536)",
	[H_OPT_PROGRESS] = "progress on standard error even when standard\n"
	                   "output is a terminal (it always needs standard\n"
	                   "error to be a terminal)",
	[H_OPT_NO_PROGRESS] = "never show progress",
	[H_OPT_WASM] = "the library compiled to WebAssembly (make wasm):\n"
	               "adds a page per language that explains a pasted\n"
	               "reply in the browser",
	[H_OPT_SITE_LANG] = "language of this help and of the messages (the\n"
	                    "site has every language)",

	[H_EXPLAIN_USAGE] = "Usage: smtpreply explain [OPTION...] CODE...",
	[H_EXPLAIN_ABOUT] =
		"Explain reply codes (550), enhanced status codes (5.7.26, X.7.26),\n"
		"both (\"550 5.7.26\", or 550 5.7.26 as two operands), classes (5xx) or a\n"
		"whole reply as the server sent it, in quotes\n"
		"(\"550 5.1.1 <a@b>: User unknown\"; several lines: separate them with\n"
		"newlines). Prints the name, the class, what it means, when you see it,\n"
		"how to fix it, and for replies what to do, the reason and who must act.\n"
		"The verdict says what to do about the recipient address (suppress it,\n"
		"retry later, fix the sending side or the message...).\n"
		"With --json, one JSON object per operand.\n",
	[H_EXPLAIN_AFTER] =
		"Exit status: 0 every operand was a code or a reply, 1 some was not,\n"
		"2 usage error.\n",
	[H_COMPARE_USAGE] = "Usage: smtpreply compare [OPTION...] A B",
	[H_COMPARE_ABOUT] =
		"Two codes side by side: each one's class and meaning, the key\n"
		"differences (class, category, transient or permanent, what to do, who\n"
		"must act), when you see each and how to fix each. A and B take the\n"
		"forms that explain takes (550, 5.7.26, \"550 5.7.26\", a whole reply);\n"
		"four operands are two code pairs: compare 550 5.1.1 550 5.7.1.\n"
		"With --json, one object: {\"a\":{...},\"b\":{...},\"differences\":[...]}.\n",
	[H_COMPARE_AFTER] =
		"Exit status: 0 both were codes or replies, 1 one was not, 2 usage\n"
		"error.\n",
	[H_PARSE_USAGE] = "Usage: smtpreply parse [OPTION...] [FILE...]",
	[H_PARSE_ABOUT] =
		"Find every SMTP reply in the FILEs or standard input (\"-\") and print\n"
		"one line per reply: offset, code, enhanced code, action, reason,\n"
		"verdict, name, text and the parser's flags. A FILE may hold raw server\n"
		"bytes (a capture, CRLF or LF line ends), MTA log lines (Postfix, Exim,\n"
		"Sendmail, OpenSMTPD, Exchange message tracking), bounce messages (.eml,\n"
		"mbox; a directory is a Maildir) or a client transcript (swaks, smtplib,\n"
		"curl -v...): detected per file, then per line (--input forces one).\n"
		"Bytes that are not a reply are reported with their offset and skipped;\n"
		"the replies after them are still found. Memory stays constant on inputs\n"
		"of any size.\n"
		"With --json, JSON Lines: one object per reply or error.\n",
	[H_PARSE_AFTER] =
		"JSON fields of a reply: offset, length, code, enhanced, class, lines,\n"
		"flags, name, enhanced_name, action, reason, verdict, confidence,\n"
		"evidence, provider, log; from a log, a bounce or a transcript also\n"
		"source, command, recipient, host, dsn_status, dsn_action, date; a\n"
		"failure logged without a reply (a time-out) has code null, problem,\n"
		"and the action, reason, verdict, confidence and evidence its words and\n"
		"status give; file with more than one FILE. Not a reply: offset,\n"
		"length, error, message.\n"
		"\n"
		"Exit status: 0 every input gave what it is read for (a capture: only\n"
		"replies; a log, bounce or transcript: a reply or failure, none broken),\n"
		"1 some input did not, 2 usage error or unreadable input.\n",
	[H_STATS_USAGE] = "Usage: smtpreply stats [OPTION...] [FILE...]\n"
	                  "       smtpreply parse --summary [OPTION...] [FILE...]",
	[H_STATS_ABOUT] =
		"Count the replies in the FILEs or standard input (\"-\"), of every kind\n"
		"parse reads: by class, action, reason, verdict, code, enhanced code,\n"
		"provider, remote domain and flag, and the bytes that were not replies\n"
		"by kind. On a terminal each count has a bar.\n"
		"With --json, one object: bytes, replies, errors, error_bytes, class,\n"
		"code, enhanced, action, reason, verdict, provider, flags, no_reply,\n"
		"domain, errors_by_kind.\n"
		"Memory stays constant on inputs of any size; on a terminal a progress\n"
		"line on standard error shows how far it got.\n",
	[H_STATS_AFTER] =
		"Exit status: 0 every input gave what it is read for (a capture: only\n"
		"replies; a log, bounce or transcript: a reply or failure, none broken),\n"
		"1 some input did not, 2 usage error or unreadable input.\n",
	[H_BOUNCE_USAGE] = "Usage: smtpreply bounce [OPTION...] [FILE|DIR...]",
	[H_BOUNCE_ABOUT] =
		"Read bounce messages (delivery status notifications, and the plain\n"
		"text bounces of common mail servers) from the FILEs, the messages of an\n"
		"mbox, the files of a folder or a Maildir, or standard input (\"-\"), and\n"
		"print one line per failed recipient: the reply behind it, its reason\n"
		"and its verdict. The same as `smtpreply parse --input dsn`.\n"
		"With --json, JSON Lines: one object per failed recipient.\n",
	[H_BOUNCE_AFTER] =
		"Exit status: 0 every input gave a failed recipient (with or without a\n"
		"reply), 1 some input gave none, 2 usage error or unreadable input.\n",
	[H_LIST_USAGE] = "Usage: smtpreply list [OPTION...]",
	[H_LIST_ABOUT] =
		"The whole explanation table: reply codes (also their meanings after a\n"
		"given command), classes and categories, enhanced status codes, and\n"
		"providers' own meanings. One entry per line: its key and its name.\n"
		"With --json, one object per entry: key, kind, code, enhanced, command,\n"
		"name, description, when, fix, source, flags.\n",
	[H_SITE_USAGE] = "Usage: smtpreply site [OPTION...] DIR",
	[H_SITE_ABOUT] =
		"Write the explanation table as a static website into DIR (created if\n"
		"absent; files of the same name are replaced): a page per reply code\n"
		"with its meanings after each command, per enhanced status code, per\n"
		"provider entry and per reason, \"A vs B\" pages for codes people\n"
		"confuse, and an index with a search box, in English, Korean, Japanese\n"
		"and French. The pages need no server and nothing from outside: open\n"
		"DIR/index.html.\n",
	[H_SITE_AFTER] =
		"Exit status: 0 written, 2 usage error or a file that could not be\n"
		"written.\n",

	[H_TOP_HEAD] = "Usage: smtpreply [OPTION...] COMMAND [OPTION...] [ARG...]\n"
	               "\n"
	               "Parse SMTP server replies and explain them.\n"
	               "\n"
	               "Commands:\n",
	[H_TOP_EXPLAIN] =
		"explain CODE...      what a reply code, an enhanced code or a whole\n"
		"                       reply line means, and what to do about it",
	[H_TOP_COMPARE] =
		"compare A B          two codes side by side, with the key differences",
	[H_TOP_PARSE] =
		"parse [FILE...]      find and classify every reply in captures, mail\n"
		"                       logs, bounce messages or transcripts (stdin: -)",
	[H_TOP_STATS] =
		"stats [FILE...]      counts of the replies parse finds (parse --summary)",
	[H_TOP_BOUNCE] =
		"bounce [FILE|DIR...]\n"
		"                       the failed recipients of bounce messages (.eml,\n"
		"                       mbox, Maildir) with the reply behind each",
	[H_TOP_LIST] = "list                 the whole explanation table",
	[H_TOP_SITE] =
		"site DIR             the reference as a static website: a page per\n"
		"                       code and \"A vs B\" pages, in four languages",
	[H_TOP_TAIL] =
		"  help [COMMAND]       this text, or a command's\n"
		"\n"
		"Options for every command (before or after it):\n"
		"  -L, --lang LANG      language of explanations (en, fr, ja, ko...);\n"
		"                       default from LC_ALL, LC_MESSAGES, LANG\n"
		"  -j, --json           JSON output (JSON Lines for parse)\n"
		"      --color[=WHEN]   colour: auto (default), always, never\n"
		"  -h, --help           help for the command\n"
		"      --version        the version of smtpreply and libsmtpreply\n"
		"\n"
		"Exit status: 0 every input was a reply (or a code), 1 some input was\n"
		"not, 2 usage error or unreadable input.\n"
		"\n"
		"Examples:\n"
		"  smtpreply explain 550 5.7.26\n"
		"  smtpreply explain --after RCPT '550 5.1.1 <a@b>: User unknown'\n"
		"  smtpreply compare 235 500\n"
		"  smtpreply parse --json capture.txt\n"
		"\n"
		"See smtpreply(1).\n",
};

static const char *const fr[H_COUNT] = {
	[H_OPTIONS] = "\nOptions\u00a0:\n",
	[H_OPT_LANG] = "langue\u00a0: en, fr, ja, ko... (par défaut selon\n"
	               "LC_ALL, LC_MESSAGES, LANG\u00a0; JSON\u00a0: anglais\n"
	               "si elle n’est pas donnée)",
	[H_OPT_JSON] = "sortie JSON",
	[H_OPT_COLOR] = "couleur\u00a0: auto, always ou never",
	[H_OPT_HELP] = "ce texte",
	[H_OPT_EXPLAIN_AFTER] =
		"la commande à laquelle la réponse répond (EHLO,\n"
		"MAIL, RCPT, DATA, DOT pour la fin des données,\n"
		"AUTH, STARTTLS...)",
	[H_OPT_HTML] = "compare\u00a0: une page HTML sur le modèle des pages\n"
	               "«\u00a0A contre B\u00a0» du site de référence\n"
	               "(smtpreply site)",
	[H_OPT_CODES] = "codes de réponse seulement",
	[H_OPT_ENHANCED] = "codes d’état étendus seulement (entrées du\n"
	                   "registre)",
	[H_OPT_CLASSES] = "classes, catégories et sujets des codes étendus\n"
	                  "seulement",
	[H_OPT_PROVIDERS] = "codes propres aux fournisseurs seulement",
	[H_OPT_VERBOSE] = "avec la description de chacun, quand on le\n"
	                  "rencontre et comment corriger",
	[H_OPT_PARSE_AFTER] =
		"la commande à laquelle répond chaque réponse\n"
		"(RCPT, DATA...), pour le nom, l’action et la\n"
		"raison selon le contexte",
	[H_OPT_INPUT] = "ce que contiennent les FILE\u00a0: raw (octets du\n"
	                "serveur), log (lignes de journal d’un MTA), dsn\n"
	                "(messages de rebond\u00a0: .eml, mbox, Maildir),\n"
	                "transcript (swaks, smtplib, curl -v...)\u00a0; par\n"
	                "défaut, détecté par fichier, puis par ligne",
	[H_OPT_COMMANDS] = "un nom de commande par ligne, la N-ième pour la\n"
	                   "N-ième réponse (au-delà\u00a0: --after, sinon\n"
	                   "inconnue)",
	[H_OPT_STRICT] = "signale comme erreurs les réponses qui\n"
	                 "enfreignent la RFC 5321 (LF seul, lignes trop\n"
	                 "longues, codes discordants...)",
	[H_OPT_SUMMARY] = "des comptes au lieu d’une ligne par réponse (ce\n"
	                  "que fait `smtpreply stats`)",
	[H_OPT_MAX_LINE] = "ligne la plus longue, en octets (4096 par défaut)",
	[H_OPT_MAX_LINES] = "nombre maximal de lignes d’une réponse (1000 par\n"
	                    "défaut)",
	[H_OPT_MAX_REPLY] = "réponse la plus longue, en octets (65536 par\n"
	                    "défaut)",
	[H_OPT_PROGRESS] = "progression sur la sortie d’erreur même quand la\n"
	                   "sortie standard est un terminal (la sortie\n"
	                   "d’erreur doit toujours être un terminal)",
	[H_OPT_NO_PROGRESS] = "jamais de progression",
	[H_OPT_WASM] = "la bibliothèque compilée en WebAssembly\n"
	               "(make wasm)\u00a0: ajoute une page par langue qui\n"
	               "explique dans le navigateur une réponse collée",
	[H_OPT_SITE_LANG] = "langue de cette aide et des messages (le site a\n"
	                    "toutes les langues)",

	[H_EXPLAIN_USAGE] = "Utilisation\u00a0: smtpreply explain [OPTION...] CODE...",
	[H_EXPLAIN_ABOUT] =
		"Explique les codes de réponse (550), les codes d’état étendus (5.7.26,\n"
		"X.7.26), les deux ensemble (\"550 5.7.26\", ou 550 5.7.26 en deux\n"
		"opérandes), les classes (5xx) ou une réponse entière telle que le\n"
		"serveur l’a envoyée, entre guillemets\n"
		"(\"550 5.1.1 <a@b>: User unknown\"\u00a0; plusieurs lignes\u00a0: séparez-les\n"
		"par des sauts de ligne). Affiche le nom, la classe, le sens, quand on\n"
		"le rencontre, comment corriger et, pour une réponse, que faire, la\n"
		"raison et qui doit agir.\n"
		"Le verdict dit que faire de l’adresse du destinataire (cesser les\n"
		"envois, réessayer plus tard, corriger l’envoi ou le message...).\n"
		"Avec --json, un objet JSON par opérande.\n",
	[H_EXPLAIN_AFTER] =
		"Code de retour\u00a0: 0 si chaque opérande est un code ou une réponse, 1 si\n"
		"l’un ne l’est pas, 2 en cas d’erreur d’utilisation.\n",
	[H_COMPARE_USAGE] = "Utilisation\u00a0: smtpreply compare [OPTION...] A B",
	[H_COMPARE_ABOUT] =
		"Deux codes côte à côte\u00a0: la classe et le sens de chacun, les\n"
		"différences clés (classe, catégorie, temporaire ou permanent, que faire,\n"
		"qui doit agir), quand on rencontre chacun et comment corriger chacun.\n"
		"A et B prennent les formes qu’accepte explain (550, 5.7.26,\n"
		"\"550 5.7.26\", une réponse entière)\u00a0; quatre opérandes font deux paires\n"
		"de codes\u00a0: compare 550 5.1.1 550 5.7.1.\n"
		"Avec --json, un objet\u00a0: {\"a\":{...},\"b\":{...},\"differences\":[...]}.\n",
	[H_COMPARE_AFTER] =
		"Code de retour\u00a0: 0 si les deux sont des codes ou des réponses, 1 si\n"
		"l’un ne l’est pas, 2 en cas d’erreur d’utilisation.\n",
	[H_PARSE_USAGE] = "Utilisation\u00a0: smtpreply parse [OPTION...] [FILE...]",
	[H_PARSE_ABOUT] =
		"Trouve chaque réponse SMTP dans les FILE ou sur l’entrée standard (\"-\")\n"
		"et affiche une ligne par réponse\u00a0: position, code, code étendu, action,\n"
		"raison, verdict, nom, texte et indicateurs de l’analyseur. Un FILE peut\n"
		"contenir les octets bruts d’un serveur (une capture, fins de ligne CRLF\n"
		"ou LF), des lignes de journal d’un MTA (Postfix, Exim, Sendmail,\n"
		"OpenSMTPD, suivi des messages d’Exchange), des messages de rebond\n"
		"(.eml, mbox\u00a0; un dossier est un Maildir) ou la transcription d’un\n"
		"client (swaks, smtplib, curl -v...)\u00a0: c’est détecté par fichier, puis\n"
		"par ligne (--input impose un type). Les\n"
		"octets qui ne sont pas une réponse sont signalés avec leur position et\n"
		"sautés\u00a0; les réponses qui les suivent sont quand même trouvées. La\n"
		"mémoire reste constante quelle que soit la taille de l’entrée.\n"
		"Avec --json, du JSON Lines\u00a0: un objet par réponse ou par erreur.\n",
	[H_PARSE_AFTER] =
		"Champs JSON d’une réponse\u00a0: offset, length, code, enhanced, class,\n"
		"lines, flags, name, enhanced_name, action, reason, verdict, confidence,\n"
		"evidence, provider, log\u00a0; venue d’un journal, d’un rebond ou d’une\n"
		"transcription, aussi source, command, recipient, host, dsn_status,\n"
		"dsn_action, date\u00a0; un échec journalisé sans réponse (un délai\n"
		"dépassé) a code null, problem, et les action, reason, verdict,\n"
		"confidence et evidence que donnent ses mots et son statut\u00a0; file\n"
		"avec plus d’un FILE. Pas une réponse\u00a0: offset, length, error,\n"
		"message.\n"
		"\n"
		"Code de retour\u00a0: 0 si chaque entrée a donné ce qu’on y cherche (une\n"
		"capture\u00a0: rien que des réponses\u00a0; un journal, un rebond ou une\n"
		"transcription\u00a0: au moins une réponse ou un échec, aucune réponse\n"
		"invalide), 1 si une entrée ne l’a pas donné, 2 en cas d’erreur\n"
		"d’utilisation ou d’entrée illisible.\n",
	[H_STATS_USAGE] = "Utilisation\u00a0: smtpreply stats [OPTION...] [FILE...]\n"
	                  "              smtpreply parse --summary [OPTION...] [FILE...]",
	[H_STATS_ABOUT] =
		"Compte les réponses des FILE ou de l’entrée standard (\"-\"), dans tout ce\n"
		"que lit parse\u00a0: par classe, action, raison, verdict, code, code étendu,\n"
		"fournisseur, domaine distant et indicateur, et les octets qui n’étaient\n"
		"pas des réponses, par type. Sur un terminal, chaque compte a sa barre.\n"
		"Avec --json, un objet\u00a0: bytes, replies, errors, error_bytes, class,\n"
		"code, enhanced, action, reason, verdict, provider, flags, no_reply,\n"
		"domain, errors_by_kind.\n"
		"La mémoire reste constante quelle que soit la taille de l’entrée\u00a0; sur\n"
		"un terminal, une ligne de progression sur la sortie d’erreur montre où\n"
		"en est la lecture.\n",
	[H_STATS_AFTER] =
		"Code de retour\u00a0: 0 si chaque entrée a donné ce qu’on y cherche (une\n"
		"capture\u00a0: rien que des réponses\u00a0; un journal, un rebond ou une\n"
		"transcription\u00a0: au moins une réponse ou un échec, aucune réponse\n"
		"invalide), 1 si une entrée ne l’a pas donné, 2 en cas d’erreur\n"
		"d’utilisation ou d’entrée illisible.\n",
	[H_BOUNCE_USAGE] = "Utilisation\u00a0: smtpreply bounce [OPTION...] [FILE|DIR...]",
	[H_BOUNCE_ABOUT] =
		"Lit des messages de rebond (avis d’état de remise, et rebonds en texte\n"
		"simple des serveurs de messagerie courants) dans les FILE, les messages\n"
		"d’une mbox, les fichiers d’un dossier ou d’un Maildir, ou sur l’entrée\n"
		"standard (\"-\"), et affiche une ligne par destinataire en échec\u00a0: la\n"
		"réponse qui en est la cause, sa raison et son verdict. C’est\n"
		"`smtpreply parse --input dsn`.\n"
		"Avec --json, du JSON Lines\u00a0: un objet par destinataire en échec.\n",
	[H_BOUNCE_AFTER] =
		"Code de retour\u00a0: 0 si chaque entrée a donné un destinataire en échec\n"
		"(avec ou sans réponse), 1 si une entrée n’en a donné aucun, 2 en cas\n"
		"d’erreur d’utilisation ou d’entrée illisible.\n",
	[H_LIST_USAGE] = "Utilisation\u00a0: smtpreply list [OPTION...]",
	[H_LIST_ABOUT] =
		"Toute la table des explications\u00a0: codes de réponse (et leur sens après\n"
		"une commande donnée), classes et catégories, codes d’état étendus et\n"
		"sens propres aux fournisseurs. Une entrée par ligne\u00a0: sa clé et son\n"
		"nom.\n"
		"Avec --json, un objet par entrée\u00a0: key, kind, code, enhanced, command,\n"
		"name, description, when, fix, source, flags.\n",
	[H_SITE_USAGE] = "Utilisation\u00a0: smtpreply site [OPTION...] DIR",
	[H_SITE_ABOUT] =
		"Écrit la table des explications sous forme de site web statique dans\n"
		"DIR (créé s’il n’existe pas\u00a0; les fichiers du même nom sont\n"
		"remplacés)\u00a0: une page par code de réponse avec ses sens après chaque\n"
		"commande, par code d’état étendu, par entrée de fournisseur et par\n"
		"raison, des pages «\u00a0A contre B\u00a0» pour les codes qu’on confond, et un\n"
		"index avec un champ de recherche, en anglais, coréen, japonais et\n"
		"français. Les pages n’ont besoin d’aucun serveur ni de rien venu de\n"
		"l’extérieur\u00a0: ouvrez DIR/index.html.\n",
	[H_SITE_AFTER] =
		"Code de retour\u00a0: 0 si le site est écrit, 2 en cas d’erreur\n"
		"d’utilisation ou de fichier impossible à écrire.\n",

	[H_TOP_HEAD] = "Utilisation\u00a0: smtpreply [OPTION...] COMMAND [OPTION...] [ARG...]\n"
	               "\n"
	               "Analyse les réponses des serveurs SMTP et les explique.\n"
	               "\n"
	               "Commandes\u00a0:\n",
	[H_TOP_EXPLAIN] =
		"explain CODE...      ce que veut dire un code de réponse, un code\n"
		"                       étendu ou une ligne de réponse entière, et que\n"
		"                       faire",
	[H_TOP_COMPARE] =
		"compare A B          deux codes côte à côte, avec les différences clés",
	[H_TOP_PARSE] =
		"parse [FILE...]      trouve et classe chaque réponse de captures, de\n"
		"                       journaux, de rebonds ou de transcriptions (entrée\n"
		"                       standard\u00a0: -)",
	[H_TOP_STATS] =
		"stats [FILE...]      comptes des réponses que trouve parse (parse --summary)",
	[H_TOP_BOUNCE] =
		"bounce [FILE|DIR...]\n"
		"                       les destinataires en échec des messages de rebond\n"
		"                       (.eml, mbox, Maildir), avec la réponse qui en\n"
		"                       est la cause",
	[H_TOP_LIST] = "list                 toute la table des explications",
	[H_TOP_SITE] =
		"site DIR             la référence en site web statique\u00a0: une page par\n"
		"                       code et des pages «\u00a0A contre B\u00a0», en quatre\n"
		"                       langues",
	[H_TOP_TAIL] =
		"  help [COMMAND]       ce texte, ou celui d’une commande\n"
		"\n"
		"Options de toutes les commandes (avant ou après elles)\u00a0:\n"
		"  -L, --lang LANG      langue des explications et des messages (en, fr,\n"
		"                       ja, ko...)\u00a0; par défaut selon LC_ALL,\n"
		"                       LC_MESSAGES, LANG\n"
		"  -j, --json           sortie JSON (JSON Lines pour parse)\n"
		"      --color[=WHEN]   couleur\u00a0: auto (par défaut), always, never\n"
		"  -h, --help           l’aide de la commande\n"
		"      --version        la version de smtpreply et de libsmtpreply\n"
		"\n"
		"Code de retour\u00a0: 0 si chaque entrée était une réponse (ou un code), 1 si\n"
		"une entrée ne l’était pas, 2 en cas d’erreur d’utilisation ou d’entrée\n"
		"illisible.\n"
		"\n"
		"Exemples\u00a0:\n"
		"  smtpreply explain 550 5.7.26\n"
		"  smtpreply explain --after RCPT '550 5.1.1 <a@b>: User unknown'\n"
		"  smtpreply compare 235 500\n"
		"  smtpreply parse --json capture.txt\n"
		"\n"
		"Voir smtpreply(1).\n",
};

static const char *const ja[H_COUNT] = {
	[H_OPTIONS] = "\nオプション：\n",
	[H_OPT_LANG] = "言語：en, fr, ja, ko...（既定値は LC_ALL、\n"
	               "LC_MESSAGES、LANG から。JSON は指定しない\n"
	               "かぎり英語）",
	[H_OPT_JSON] = "JSON で出力",
	[H_OPT_COLOR] = "色付け：auto、always、never のいずれか",
	[H_OPT_HELP] = "このヘルプ",
	[H_OPT_EXPLAIN_AFTER] =
		"応答が答えたコマンド（EHLO、MAIL、RCPT、DATA、\n"
		"データ終端の DOT、AUTH、STARTTLS...）",
	[H_OPT_HTML] = "compare：参照サイトの「A 対 B」ページと同じ形の\n"
	               "HTML ページを 1 つ出力（smtpreply site）",
	[H_OPT_CODES] = "応答コードのみ",
	[H_OPT_ENHANCED] = "拡張ステータスコードのみ（登録簿の項目）",
	[H_OPT_CLASSES] = "クラス、カテゴリー、拡張コードの主題のみ",
	[H_OPT_PROVIDERS] = "プロバイダー独自のコードのみ",
	[H_OPT_VERBOSE] = "各項目の説明、出る場面、直し方も表示",
	[H_OPT_PARSE_AFTER] =
		"すべての応答が答えたコマンド（RCPT、DATA...）。\n"
		"文脈に応じた名前、対処、理由に使います",
	[H_OPT_INPUT] = "FILE の中身：raw（サーバーのバイト列）、log\n"
	                "（MTA のログ行）、dsn（バウンスメール：.eml、\n"
	                "mbox、Maildir）、transcript（swaks、smtplib、\n"
	                "curl -v...）。既定ではファイルごとに、次に行\n"
	                "ごとに判別します",
	[H_OPT_COMMANDS] = "1 行に 1 つのコマンド名。N 行目が N 番目の\n"
	                   "応答のコマンドです（それ以降は --after、\n"
	                   "なければ不明）",
	[H_OPT_STRICT] = "RFC 5321 に反する応答（LF だけの行末、長すぎる\n"
	                 "行、コードの食い違いなど）をエラーとして報告",
	[H_OPT_SUMMARY] = "応答ごとの 1 行の代わりに件数を表示\n"
	                  "（`smtpreply stats` と同じ）",
	[H_OPT_MAX_LINE] = "1 行の最大バイト数（既定値 4096）",
	[H_OPT_MAX_LINES] = "1 つの応答の最大行数（既定値 1000）",
	[H_OPT_MAX_REPLY] = "1 つの応答の最大バイト数（既定値 65536）",
	[H_OPT_PROGRESS] = "標準出力が端末でも、標準エラー出力に進行状況\n"
	                   "を表示（標準エラー出力が端末であることは常に\n"
	                   "必要）",
	[H_OPT_NO_PROGRESS] = "進行状況を表示しない",
	[H_OPT_WASM] = "WebAssembly にコンパイルしたライブラリ\n"
	               "（make wasm）：貼り付けた応答をブラウザーで\n"
	               "説明するページを言語ごとに追加",
	[H_OPT_SITE_LANG] = "このヘルプとメッセージの言語（サイトはすべての\n"
	                    "言語で作ります）",

	[H_EXPLAIN_USAGE] = "使い方：smtpreply explain [OPTION...] CODE...",
	[H_EXPLAIN_ABOUT] =
		"応答コード（550）、拡張ステータスコード（5.7.26、X.7.26）、その両方\n"
		"（\"550 5.7.26\"、または 2 つのオペランドとして 550 5.7.26）、クラス\n"
		"（5xx）、またはサーバーが送ったとおりの応答全体を引用符で囲んで\n"
		"（\"550 5.1.1 <a@b>: User unknown\"。複数行なら改行で区切る）説明\n"
		"します。名前、クラス、意味、どんなときに出るか、直し方を表示し、応答\n"
		"ならさらに、すべき対処、理由、誰が対応すべきかを表示します。\n"
		"判定は、受信者のアドレスをどう扱うか（配信停止、後で再試行、\n"
		"送信側やメッセージの修正など）を示します。\n"
		"--json を付けると、オペランドごとに JSON オブジェクトを 1 つ出力します。\n",
	[H_EXPLAIN_AFTER] =
		"終了ステータス：すべてのオペランドがコードか応答なら 0、そうでない\n"
		"ものがあれば 1、使い方の誤りなら 2。\n",
	[H_COMPARE_USAGE] = "使い方：smtpreply compare [OPTION...] A B",
	[H_COMPARE_ABOUT] =
		"2 つのコードを並べて示します：それぞれのクラスと意味、主な違い\n"
		"（クラス、カテゴリー、一時的か恒久的か、すべき対処、誰が対応すべき\n"
		"か）、それぞれがどんなときに出るか、それぞれの直し方。A と B には\n"
		"explain と同じ形（550、5.7.26、\"550 5.7.26\"、応答全体）を指定できます。\n"
		"オペランドが 4 つなら、2 つずつが 1 組のコードになります：\n"
		"compare 550 5.1.1 550 5.7.1。\n"
		"--json を付けるとオブジェクトを 1 つ出力します：\n"
		"{\"a\":{...},\"b\":{...},\"differences\":[...]}。\n",
	[H_COMPARE_AFTER] =
		"終了ステータス：両方がコードか応答なら 0、一方がそうでなければ 1、\n"
		"使い方の誤りなら 2。\n",
	[H_PARSE_USAGE] = "使い方：smtpreply parse [OPTION...] [FILE...]",
	[H_PARSE_ABOUT] =
		"FILE または標準入力（\"-\"）から SMTP 応答をすべて見つけ、応答ごとに\n"
		"1 行表示します：位置、コード、拡張コード、対処、理由、判定、名前、\n"
		"本文、パーサーのフラグ。FILE の中身は、サーバーが送った生のバイト列\n"
		"（キャプチャー。行末は CRLF か LF）、MTA のログ行（Postfix、Exim、\n"
		"Sendmail、OpenSMTPD、Exchange のメッセージ追跡）、バウンスメール\n"
		"（.eml、mbox。ディレクトリは Maildir とみなします）、クライアントの\n"
		"トランスクリプト（swaks、\n"
		"smtplib、curl -v...）のどれでもよく、ファイルごとに、次に行ごとに\n"
		"判別します（--input で指定も可）。応答でないバイト列は位置とともに\n"
		"報告して読み飛ばし、その後の応答も引き続き見つけます。入力がどれほど\n"
		"大きくてもメモリ使用量は一定です。\n"
		"--json を付けると JSON Lines で出力します：応答またはエラーごとに\n"
		"オブジェクトを 1 つ。\n",
	[H_PARSE_AFTER] =
		"応答の JSON フィールド：offset, length, code, enhanced, class, lines,\n"
		"flags, name, enhanced_name, action, reason, verdict, confidence,\n"
		"evidence, provider, log。ログ、バウンス、トランスクリプトからの応答\n"
		"にはさらに source, command, recipient, host, dsn_status, dsn_action,\n"
		"date。応答なしで記録された失敗（タイムアウトなど）は code が null で\n"
		"problem と、その文言と状態から判断した action, reason, verdict,\n"
		"confidence, evidence があります。FILE が複数のときは file も。\n"
		"応答でないもの：\n"
		"offset, length, error, message。\n"
		"\n"
		"終了ステータス：どの入力からも読む目的のものが得られれば 0\n"
		"（キャプチャーはすべて応答、ログ・バウンス・トランスクリプトは応答か\n"
		"失敗が 1 つ以上あり壊れた応答がない）、そうでない入力があれば 1、\n"
		"使い方の誤りか読めない入力があれば 2。\n",
	[H_STATS_USAGE] = "使い方：smtpreply stats [OPTION...] [FILE...]\n"
	                  "        smtpreply parse --summary [OPTION...] [FILE...]",
	[H_STATS_ABOUT] =
		"FILE または標準入力（\"-\"）の応答を、parse が読むどの形式でも数え\n"
		"ます：クラス、対処、理由、判定、コード、拡張コード、プロバイダー、\n"
		"相手ドメイン、フラグ別に数え、応答でなかったバイト列は種類別に数え\n"
		"ます。端末では各件数に棒グラフが付きます。\n"
		"--json を付けるとオブジェクトを 1 つ出力します：bytes, replies,\n"
		"errors, error_bytes, class, code, enhanced, action, reason, verdict,\n"
		"provider, flags, no_reply, domain, errors_by_kind。\n"
		"入力がどれほど大きくてもメモリ使用量は一定です。端末では、標準エラー\n"
		"出力の進行状況の行でどこまで読んだかがわかります。\n",
	[H_STATS_AFTER] =
		"終了ステータス：どの入力からも読む目的のものが得られれば 0\n"
		"（キャプチャーはすべて応答、ログ・バウンス・トランスクリプトは応答か\n"
		"失敗が 1 つ以上あり壊れた応答がない）、そうでない入力があれば 1、\n"
		"使い方の誤りか読めない入力があれば 2。\n",
	[H_BOUNCE_USAGE] = "使い方：smtpreply bounce [OPTION...] [FILE|DIR...]",
	[H_BOUNCE_ABOUT] =
		"FILE、mbox 内のメッセージ、フォルダーや Maildir 内のファイル、または\n"
		"標準入力（\"-\"）からバウンスメール（配送状態通知と、主なメール\n"
		"サーバーのテキスト形式のバウンス）を読み、配送に失敗した宛先ごとに\n"
		"1 行を表示します：その原因の応答、理由、判定。\n"
		"`smtpreply parse --input dsn` と同じです。\n"
		"--json を付けると JSON Lines で出力します：失敗した宛先ごとに\n"
		"オブジェクトを 1 つ。\n",
	[H_BOUNCE_AFTER] =
		"終了ステータス：どの入力からも失敗した宛先（応答の有無は問わない）が\n"
		"見つかれば 0、見つからない入力があれば 1、使い方の誤りか読めない入力\n"
		"があれば 2。\n",
	[H_LIST_USAGE] = "使い方：smtpreply list [OPTION...]",
	[H_LIST_ABOUT] =
		"説明テーブル全体を表示します：応答コード（特定のコマンドの後での\n"
		"意味も）、クラスとカテゴリー、拡張ステータスコード、プロバイダー\n"
		"独自の意味。1 行に 1 項目で、キーと名前を表示します。\n"
		"--json を付けると項目ごとにオブジェクトを 1 つ出力します：key, kind,\n"
		"code, enhanced, command, name, description, when, fix, source, flags。\n",
	[H_SITE_USAGE] = "使い方：smtpreply site [OPTION...] DIR",
	[H_SITE_ABOUT] =
		"説明テーブルを静的ウェブサイトとして DIR に書き出します（DIR が\n"
		"なければ作成し、同名のファイルは置き換えます）：応答コードごとの\n"
		"ページ（各コマンドの後での意味を含む）、拡張ステータスコード、\n"
		"プロバイダーの項目、理由ごとのページ、混同されやすいコードの\n"
		"「A 対 B」ページ、検索欄付きの索引を、英語、韓国語、日本語、\n"
		"フランス語で作ります。ページはサーバーも外部のものも必要としません：\n"
		"DIR/index.html を開いてください。\n",
	[H_SITE_AFTER] =
		"終了ステータス：書き出せれば 0、使い方の誤りか書き込めないファイルが\n"
		"あれば 2。\n",

	[H_TOP_HEAD] = "使い方：smtpreply [OPTION...] COMMAND [OPTION...] [ARG...]\n"
	               "\n"
	               "SMTP サーバーの応答を解析し、説明します。\n"
	               "\n"
	               "コマンド：\n",
	[H_TOP_EXPLAIN] =
		"explain CODE...      応答コード、拡張コード、応答行全体の意味と、\n"
		"                       すべき対処",
	[H_TOP_COMPARE] =
		"compare A B          2 つのコードを並べ、主な違いを示す",
	[H_TOP_PARSE] =
		"parse [FILE...]      キャプチャー、メールログ、バウンスメール、\n"
		"                       トランスクリプトから応答をすべて見つけて分類\n"
		"                       （標準入力：-）",
	[H_TOP_STATS] =
		"stats [FILE...]      parse が見つけた応答の件数（parse --summary）",
	[H_TOP_BOUNCE] =
		"bounce [FILE|DIR...]\n"
		"                       バウンスメール（.eml、mbox、Maildir）の配送に\n"
		"                       失敗した宛先と、それぞれの原因の応答",
	[H_TOP_LIST] = "list                 説明テーブル全体",
	[H_TOP_SITE] =
		"site DIR             参照資料を静的ウェブサイトとして出力：コードごと\n"
		"                       のページと「A 対 B」ページ、4 か国語",
	[H_TOP_TAIL] =
		"  help [COMMAND]       このヘルプ、またはコマンドのヘルプ\n"
		"\n"
		"すべてのコマンドに共通のオプション（コマンドの前でも後でも可）：\n"
		"  -L, --lang LANG      説明とメッセージの言語（en, fr, ja, ko...）。\n"
		"                       既定値は LC_ALL、LC_MESSAGES、LANG から\n"
		"  -j, --json           JSON で出力（parse は JSON Lines）\n"
		"      --color[=WHEN]   色付け：auto（既定）、always、never\n"
		"  -h, --help           コマンドのヘルプ\n"
		"      --version        smtpreply と libsmtpreply のバージョン\n"
		"\n"
		"終了ステータス：すべての入力が応答（またはコード）なら 0、そうでない\n"
		"入力があれば 1、使い方の誤りか読めない入力があれば 2。\n"
		"\n"
		"例：\n"
		"  smtpreply explain 550 5.7.26\n"
		"  smtpreply explain --after RCPT '550 5.1.1 <a@b>: User unknown'\n"
		"  smtpreply compare 235 500\n"
		"  smtpreply parse --json capture.txt\n"
		"\n"
		"詳しくは smtpreply(1) を参照してください。\n",
};

static const char *const ko[H_COUNT] = {
	[H_OPTIONS] = "\n옵션:\n",
	[H_OPT_LANG] = "언어: en, fr, ja, ko... (기본값은 LC_ALL,\n"
	               "LC_MESSAGES, LANG에서; JSON은 지정하지 않으면\n"
	               "영어)",
	[H_OPT_JSON] = "JSON 출력",
	[H_OPT_COLOR] = "색: auto, always, never 중 하나",
	[H_OPT_HELP] = "이 도움말",
	[H_OPT_EXPLAIN_AFTER] =
		"응답이 답한 명령(EHLO, MAIL, RCPT, DATA, 데이터\n"
		"끝은 DOT, AUTH, STARTTLS...)",
	[H_OPT_HTML] = "compare: 안내서 사이트의 \"A 대 B\" 페이지와 같은\n"
	               "형식의 HTML 페이지 하나(smtpreply site)",
	[H_OPT_CODES] = "응답 코드만",
	[H_OPT_ENHANCED] = "확장 상태 코드만(레지스트리 항목)",
	[H_OPT_CLASSES] = "클래스, 범주, 확장 코드의 주제만",
	[H_OPT_PROVIDERS] = "제공자 고유의 코드만",
	[H_OPT_VERBOSE] = "각 항목의 설명, 나오는 때, 해결 방법도 출력",
	[H_OPT_PARSE_AFTER] =
		"모든 응답이 답한 명령(RCPT, DATA...). 문맥에\n"
		"맞는 이름, 조치, 이유에 씁니다",
	[H_OPT_INPUT] = "FILE의 내용: raw(서버 바이트), log(MTA 로그\n"
	                "줄), dsn(반송 메일: .eml, mbox, Maildir),\n"
	                "transcript(swaks, smtplib, curl -v...). 기본은\n"
	                "파일별로, 그다음 줄별로 판별",
	[H_OPT_COMMANDS] = "한 줄에 명령 이름 하나, N번째 줄이 N번째 응답의\n"
	                   "명령(그 뒤로는 --after, 없으면 모름)",
	[H_OPT_STRICT] = "RFC 5321을 어긴 응답(LF만 있는 줄 끝, 너무 긴\n"
	                 "줄, 코드 불일치...)을 오류로 보고",
	[H_OPT_SUMMARY] = "응답마다 한 줄 대신 개수 출력(`smtpreply stats`와\n"
	                  "같음)",
	[H_OPT_MAX_LINE] = "한 줄의 최대 바이트 수(기본값 4096)",
	[H_OPT_MAX_LINES] = "한 응답의 최대 줄 수(기본값 1000)",
	[H_OPT_MAX_REPLY] = "한 응답의 최대 바이트 수(기본값 65536)",
	[H_OPT_PROGRESS] = "표준 출력이 터미널이어도 표준 오류에 진행 상황\n"
	                   "표시(표준 오류는 언제나 터미널이어야 함)",
	[H_OPT_NO_PROGRESS] = "진행 상황을 표시하지 않음",
	[H_OPT_WASM] = "WebAssembly로 컴파일한 라이브러리(make wasm):\n"
	               "붙여 넣은 응답을 브라우저에서 설명하는 페이지를\n"
	               "언어마다 추가",
	[H_OPT_SITE_LANG] = "이 도움말과 메시지의 언어(사이트는 모든 언어로\n"
	                    "만듭니다)",

	[H_EXPLAIN_USAGE] = "사용법: smtpreply explain [OPTION...] CODE...",
	[H_EXPLAIN_ABOUT] =
		"응답 코드(550), 확장 상태 코드(5.7.26, X.7.26), 그 둘을 함께\n"
		"(\"550 5.7.26\" 또는 두 피연산자로 550 5.7.26), 클래스(5xx), 또는\n"
		"서버가 보낸 그대로의 응답 전체를 따옴표로 감싸서\n"
		"(\"550 5.1.1 <a@b>: User unknown\", 여러 줄이면 줄 바꿈으로 구분)\n"
		"설명합니다. 이름, 클래스, 의미, 언제 나오는지, 해결 방법을 보여 주고,\n"
		"응답이면 해야 할 조치, 이유, 누가 조치해야 하는지도 보여 줍니다.\n"
		"판정은 수신자 주소를 어떻게 할지(발송 중지, 나중에 재시도,\n"
		"발신 측이나 메시지 수정 등)를 알려 줍니다.\n"
		"--json을 주면 피연산자마다 JSON 객체 하나를 출력합니다.\n",
	[H_EXPLAIN_AFTER] =
		"종료 상태: 모든 피연산자가 코드나 응답이면 0, 아닌 것이 있으면 1,\n"
		"사용법 오류는 2.\n",
	[H_COMPARE_USAGE] = "사용법: smtpreply compare [OPTION...] A B",
	[H_COMPARE_ABOUT] =
		"두 코드를 나란히 보여 줍니다: 각 코드의 클래스와 의미, 핵심 차이\n"
		"(클래스, 범주, 일시적인지 영구적인지, 해야 할 조치, 누가 조치해야\n"
		"하는지), 각각 언제 나오는지와 각각의 해결 방법. A와 B에는 explain과\n"
		"같은 형식(550, 5.7.26, \"550 5.7.26\", 응답 전체)을 쓸 수 있습니다.\n"
		"피연산자가 넷이면 두 개씩 한 쌍의 코드입니다:\n"
		"compare 550 5.1.1 550 5.7.1.\n"
		"--json을 주면 객체 하나를 출력합니다:\n"
		"{\"a\":{...},\"b\":{...},\"differences\":[...]}.\n",
	[H_COMPARE_AFTER] =
		"종료 상태: 둘 다 코드나 응답이면 0, 하나가 아니면 1, 사용법 오류는\n"
		"2.\n",
	[H_PARSE_USAGE] = "사용법: smtpreply parse [OPTION...] [FILE...]",
	[H_PARSE_ABOUT] =
		"FILE이나 표준 입력(\"-\")에서 SMTP 응답을 모두 찾아 응답마다 한 줄을\n"
		"출력합니다: 위치, 코드, 확장 코드, 조치, 이유, 판정, 이름, 본문, 파서\n"
		"플래그. FILE에는 서버가 보낸 원시 바이트(캡처, 줄 끝은 CRLF 또는 LF),\n"
		"MTA 로그 줄(Postfix, Exim, Sendmail, OpenSMTPD, Exchange 메시지\n"
		"추적), 반송 메일(.eml, mbox, 디렉터리는 Maildir), 클라이언트\n"
		"트랜스크립트(swaks, smtplib, curl -v...)가 올 수 있으며, 파일별로,\n"
		"그다음 줄별로 판별합니다\n"
		"(--input으로 지정할 수도 있음). 응답이 아닌 바이트는 위치와 함께\n"
		"보고하고 건너뛰며, 그 뒤의 응답도 계속 찾습니다. 입력이 아무리 커도\n"
		"메모리 사용량은 일정합니다.\n"
		"--json을 주면 JSON Lines로 출력합니다: 응답이나 오류마다 객체 하나.\n",
	[H_PARSE_AFTER] =
		"응답의 JSON 필드: offset, length, code, enhanced, class, lines, flags,\n"
		"name, enhanced_name, action, reason, verdict, confidence, evidence,\n"
		"provider, log. 로그, 반송 메일, 트랜스크립트에서 찾은 응답에는 source,\n"
		"command, recipient, host, dsn_status, dsn_action, date도 있습니다.\n"
		"응답 없이 기록된 실패(시간 초과)는 code가 null이고 problem과, 그 문구와\n"
		"상태로 판단한 action, reason, verdict, confidence, evidence가 있으며,\n"
		"FILE이 둘 이상이면 file도 있습니다. 응답이 아닌 것: offset, length,\n"
		"error, message.\n"
		"\n"
		"종료 상태: 모든 입력에서 읽으려는 것을 얻으면 0(캡처는 모두 응답,\n"
		"로그·반송 메일·트랜스크립트는 응답이나 실패가 하나 이상이고 깨진\n"
		"응답이 없음), 그렇지 않은 입력이 있으면 1, 사용법 오류나 읽을 수 없는\n"
		"입력은 2.\n",
	[H_STATS_USAGE] = "사용법: smtpreply stats [OPTION...] [FILE...]\n"
	                  "        smtpreply parse --summary [OPTION...] [FILE...]",
	[H_STATS_ABOUT] =
		"FILE이나 표준 입력(\"-\")의 응답을 parse가 읽는 모든 형식에서 셉니다:\n"
		"클래스, 조치, 이유, 판정, 코드, 확장 코드, 제공자, 상대 도메인,\n"
		"플래그별로 세고, 응답이 아니었던 바이트는 종류별로 셉니다.\n"
		"터미널에서는 개수마다 막대가 붙습니다.\n"
		"--json을 주면 객체 하나를 출력합니다: bytes, replies, errors,\n"
		"error_bytes, class, code, enhanced, action, reason, verdict, provider,\n"
		"flags, no_reply, domain, errors_by_kind.\n"
		"입력이 아무리 커도 메모리 사용량은 일정하며, 터미널에서는 표준 오류의\n"
		"진행 상황 줄이 어디까지 읽었는지 보여 줍니다.\n",
	[H_STATS_AFTER] =
		"종료 상태: 모든 입력에서 읽으려는 것을 얻으면 0(캡처는 모두 응답,\n"
		"로그·반송 메일·트랜스크립트는 응답이나 실패가 하나 이상이고 깨진\n"
		"응답이 없음), 그렇지 않은 입력이 있으면 1, 사용법 오류나 읽을 수 없는\n"
		"입력은 2.\n",
	[H_BOUNCE_USAGE] = "사용법: smtpreply bounce [OPTION...] [FILE|DIR...]",
	[H_BOUNCE_ABOUT] =
		"FILE, mbox 안의 메시지, 폴더나 Maildir 안의 파일, 또는 표준\n"
		"입력(\"-\")에서 반송 메일(전달 상태 알림과 주요 메일 서버의 텍스트\n"
		"반송 메일)을 읽어, 전달에 실패한 수신자마다 한 줄을 출력합니다: 그\n"
		"원인이 된 응답, 이유, 판정. `smtpreply parse --input dsn`과 같습니다.\n"
		"--json을 주면 JSON Lines로 출력합니다: 실패한 수신자마다 객체 하나.\n",
	[H_BOUNCE_AFTER] =
		"종료 상태: 모든 입력에서 실패한 수신자(응답이 있든 없든)를 찾으면 0,\n"
		"찾지 못한 입력이 있으면 1, 사용법 오류나 읽을 수 없는 입력은 2.\n",
	[H_LIST_USAGE] = "사용법: smtpreply list [OPTION...]",
	[H_LIST_ABOUT] =
		"설명 표 전체를 출력합니다: 응답 코드(특정 명령 뒤의 의미 포함),\n"
		"클래스와 범주, 확장 상태 코드, 제공자 고유의 의미. 한 줄에 항목\n"
		"하나씩, 키와 이름을 출력합니다.\n"
		"--json을 주면 항목마다 객체 하나를 출력합니다: key, kind, code,\n"
		"enhanced, command, name, description, when, fix, source, flags.\n",
	[H_SITE_USAGE] = "사용법: smtpreply site [OPTION...] DIR",
	[H_SITE_ABOUT] =
		"설명 표를 정적 웹사이트로 DIR에 씁니다(DIR이 없으면 만들고, 같은\n"
		"이름의 파일은 바꿉니다): 응답 코드마다 한 페이지(명령별 의미 포함),\n"
		"확장 상태 코드, 제공자 항목, 이유마다 한 페이지, 자주 혼동되는\n"
		"코드의 \"A 대 B\" 페이지, 검색 상자가 있는 색인을 영어, 한국어,\n"
		"일본어, 프랑스어로 만듭니다. 페이지는 서버도 외부 자원도 필요\n"
		"없습니다: DIR/index.html을 여세요.\n",
	[H_SITE_AFTER] =
		"종료 상태: 다 썼으면 0, 사용법 오류나 쓸 수 없는 파일이 있으면 2.\n",

	[H_TOP_HEAD] = "사용법: smtpreply [OPTION...] COMMAND [OPTION...] [ARG...]\n"
	               "\n"
	               "SMTP 서버의 응답을 분석하고 설명합니다.\n"
	               "\n"
	               "명령:\n",
	[H_TOP_EXPLAIN] =
		"explain CODE...      응답 코드, 확장 코드, 응답 줄 전체의 의미와 해야\n"
		"                       할 조치",
	[H_TOP_COMPARE] =
		"compare A B          두 코드를 나란히, 핵심 차이와 함께",
	[H_TOP_PARSE] =
		"parse [FILE...]      캡처, 메일 로그, 반송 메일, 트랜스크립트에서\n"
		"                       모든 응답을 찾아 분류(표준 입력: -)",
	[H_TOP_STATS] =
		"stats [FILE...]      parse가 찾은 응답의 개수(parse --summary)",
	[H_TOP_BOUNCE] =
		"bounce [FILE|DIR...]\n"
		"                       반송 메일(.eml, mbox, Maildir)에서 전달에\n"
		"                       실패한 수신자와 각각의 원인이 된 응답",
	[H_TOP_LIST] = "list                 설명 표 전체",
	[H_TOP_SITE] =
		"site DIR             안내서를 정적 웹사이트로: 코드마다 한 페이지와\n"
		"                       \"A 대 B\" 페이지, 네 가지 언어로",
	[H_TOP_TAIL] =
		"  help [COMMAND]       이 도움말, 또는 명령의 도움말\n"
		"\n"
		"모든 명령에 쓰는 옵션(명령 앞이나 뒤):\n"
		"  -L, --lang LANG      설명과 메시지의 언어(en, fr, ja, ko...).\n"
		"                       기본값은 LC_ALL, LC_MESSAGES, LANG에서\n"
		"  -j, --json           JSON 출력(parse는 JSON Lines)\n"
		"      --color[=WHEN]   색: auto(기본값), always, never\n"
		"  -h, --help           명령의 도움말\n"
		"      --version        smtpreply와 libsmtpreply의 버전\n"
		"\n"
		"종료 상태: 모든 입력이 응답(또는 코드)이면 0, 아닌 입력이 있으면 1,\n"
		"사용법 오류나 읽을 수 없는 입력은 2.\n"
		"\n"
		"예:\n"
		"  smtpreply explain 550 5.7.26\n"
		"  smtpreply explain --after RCPT '550 5.1.1 <a@b>: User unknown'\n"
		"  smtpreply compare 235 500\n"
		"  smtpreply parse --json capture.txt\n"
		"\n"
		"자세한 내용은 smtpreply(1)을 참고하세요.\n",
};

const char *msg_help(enum help_id id, const char *lang)
{
	static const char *const *const tables[] = {en, fr, ja, ko};

	if ((unsigned)id >= H_COUNT)
		return "";
	const char *s = tables[msg_lang_index(lang)][id];
	return s ? s : en[id] ? en[id] : "";
}
