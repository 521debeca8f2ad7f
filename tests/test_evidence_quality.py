"""The finder against forty-five labelled sets: the tuning set, forty-two development sets and
two sets measured once while unseen (the forty-third and forty-fourth).

The tuning set (`evidence_labels.json`) lists the direct evidence in the five sample articles
for the cells that have some; the ranker's rules were written while looking at it. The
held-out sets carry their own texts and grade every sentence for every cell (2 direct,
1 related, 0 not), and all are measured on every cell of the frame, so what the finder
proposes in cells without direct evidence counts too.

The first held-out set (`evidence_labels_heldout.json`) was written and graded before the
ranker was changed, and the second (`evidence_labels_heldout2.json`) before the next round of
rule changes. Neither is unseen any more: the rules of finder version 2 (negative inversion,
"found in X a partner that ...", a pronoun after the term, a list after an agent phrase, the
person told, a relative clause with a pronoun subject, urging later in the clause, the place
troops leave, verb terms such as "target … banks" and "arm …", "according to" not being an
accord, "X, whose diplomats ...") were written after reading the errors left on both, as
general rules with sentences of their own in test_evidence_roles.py and
test_evidence_matching.py. Their figures now say how well those errors were fixed, not how
the finder does on new text.

The third held-out set (`evidence_labels_heldout3.json`) was written afresh and graded, and
the labels committed, before the finder was first run on it (recall@5 about 0.54 against the
tuning set's 0.94); the broadened term lists, written without reading its texts, took it to
0.74. The fourth held-out set (`evidence_labels_heldout4.json`: a news report, an analysis, an
op-ed, a ministry statement and a committee hearing summary) was likewise graded before the
finder first ran on it (0.725).

None of the four is unseen any more. The rules and term lists of finder version 4 were written
after reading the misses left on the third and fourth sets, as general rules with sentences of
their own in test_evidence_roles.py, test_evidence_matching.py and test_evidence_ranking.py:
every word of a phrase inflects; the language of whole instruments (bars, prohibitions,
seizures, deliveries, shipments, transfers, overtures, the negotiating table); a name before a
verb in the past is its subject (so "the embassy in Seoul warned" leaves Seoul a place); the
first object of a verb of giving receives ("offer Pyongyang talks"); an owner after "pay
for"/"aid to" receives; condemning another's act is not doing it; importing and buying receive
unless for another; speaking about a thing, or meeting at it, is not doing it; a question is
not a request; "wait for X to act" makes X the one acting; a term naming a factory, a
command, an agency or another instrument ("arms embargo") is not the instrument; and (finder
version 5) watching, recording or discussing a thing is not doing it, being urged to stop is
not being urged to act, what the object is blamed for ("listed the firms for selling drones")
is not the subject's act, general words for goods are not arms when the goods are civilian
("gas deliveries"), and bare "transfers" is no term. So sets 1-4 are all development sets now: their figures say how
well their misses were fixed, held to floors just below what they reach, and recall on each
stays within 0.05 of the tuning set's. Only a set written and graded after these rules, without
sight of them, says how the finder does on new text.

The fifth held-out set (`evidence_labels_heldout5.json`: a wire report, a long-form analysis, an
op-ed, a foreign-ministry readout, a think-tank commentary and a committee evidence summary)
was written and graded, and its labels committed, before the finder first ran on it, while the
rules were being tuned on the other four; it checks whether that tuning carries over to new
text (recall@5 0.760 against the tuning set's 0.944). It is held to floors in the same way.

None of the five is unseen any more. The rules and term lists of finder version 6 were written
after reading the kinds of error left on the fifth set, as general rules with sentences of their
own in test_evidence_matching.py, test_evidence_roles.py and test_evidence_ranking.py, and each was
kept only if it lowered no other set's figures, measured set by set with
bench/bench_finder_sets.py: a verb term whose noun means something else ("an armoured train")
counts only as a verb; the one a call comes from asks ("calls from Kyiv to send"); a bare name in
the object of a verb that makes the term is what it is aimed at ("EU agrees new Russia
sanctions"); ties in the armed field ("military cooperation") are not diplomacy, and a role
resting on so weak a term is not direct; and the ordinary words of contact between governments
(by telephone, hosting, lobbying, using one's influence, leaning on another) and of listing ships
and firms. Finder version 7 adds, measured the same way: the subject of a relative clause is the
name before "which"/"who" ("Japan, which joined the price cap"); forbidding a thing is not doing
it; an event of the actor named as a time ("before the NATO summit") and a term inside a
person's title ("the foreign policy chief") are not its use; a term that begins with a
preposition ("by telephone") belongs to no name before it; and both sides of a conversation
held take part ("spoke to Putin by telephone"). Finder version 8, likewise: those who lead the
subject are part of it ("Eleven countries, led by Japan, set up ..."); what the actor owns acts
for it in a relative clause ("the EU's package, which blacklisted ..."); "its"/"their" people as
the subject of a later clause are the first subject's when no other name comes between; an
urging verb in -ing urges ("asking China to use its influence"); and a list after an agent
phrase names agents without a comma ("set up by eleven states including Japan"). Finder version
9: "so" before "far", "much" or "long" is an adverb, not a new clause ("Seoul has so far
refused ..."), and open arms, a coat of arms and being up in arms are no weapons. Finder version
10: ties whose object is arms ("the coordination of weapons deliveries") are not diplomacy, and
the one a task is taken over from hands it over ("take over ... from the United States"). So
sets 1-5 are all development sets now; only a set written and graded after these
rules, without sight of them, says how the finder does on new text.

The sixth held-out set (`evidence_labels_heldout6.json`: a parliamentary debate transcript, an
editorial, a law firm's sanctions client alert, a regional newspaper feature, a commentary on a
summit communique and a podcast interview) was written and graded, and its labels committed,
before the finder first ran on it, while finder rules were being changed without sight of it.
Measured once with finder version 10: recall@5 0.727, nDCG@5 0.777, precision@5 0.253 and 6
suggestions marked direct in its 11 cells without direct evidence, 0.22 below the tuning set's
recall; it is held to floors just below that.

Finder version 11 adds a small logistic model (evidence/model.py) that weighs the rules'
reading of a sentence (role, term strength, heading, question, conditional, negation, ...)
and may withdraw a direct mark the rules gave. Its weights were fitted to all seven sets and
judged leave-one-set-out (bench/bench_finder_sets.py --loso), so set 6 is a development set
now too; only the seventh set, written blind, says how the finder does on new text. Finder
version 12: "since", "after", "before" and "until" before a name and its verb open a clause
("Since Pyongyang began shipping shells, ..."), so the name is that clause's subject.

The seventh held-out set (`evidence_labels_heldout7.json`: a foreign-ministry press conference, a
live blog, an internal briefing note, a student explainer, a letter to the editor and a Security
Council press release) was written and graded, and its labels committed, before the finder first
ran on it, without sight of the finder's rules or term lists. Measured once after finder
version 12: recall@5 0.701, nDCG@5 0.733, precision@5 0.355 (ceiling 0.473) and 6 suggestions
marked direct in its 8 cells without direct evidence; finder version 10, the rules before the
model and the clause rule of versions 11 and 12, gave 0.701, 0.736, 0.355 and 6 (only those
totals were looked at before version 12 was measured). So the gap to the tuning set on new
text is 0.24 in recall and the model's withdrawals did not reach it; it is held to floors just
below, and is a development set from now on: finder version 13 (an act only asked about is not
the actor's act; "invited" as a diplomacy term) was written after reading its misses and takes
it to 0.777, 0.775, 0.382 and 5.

The eighth held-out set (`evidence_labels_heldout8.json`: a TV news bulletin script, a cable-style
situation report, a think-tank panel summary, a newspaper explainer in questions and answers, a
chapter of an annual foreign-policy review and a wire factbox of measures and deliveries) was
written and graded, and its labels committed, before the finder first ran on it, without sight of
the finder's rules or term lists. Measured once after finder version 13: recall@5 0.829, nDCG@5
0.848, precision@5 0.429 and 5 suggestions marked direct in its 9 cells without direct evidence
(finder version 12: 0.829, 0.847, 0.429 and 5; only those totals were looked at before). The
gap to the tuning set's recall on this new text is 0.115. Its misses are mostly wording with no
instrument term (keeping channels open, talks in another capital, blocking a statement, keeping
one's own lists), and its false direct marks an actor's refusal or denial, a trade between two
others spoken of, and measures read under the wrong instrument. It is held to floors just below.

Then one grading guide was written for all sets (tests/data/evidence_grading.md) and sets 1-8
were re-graded against it from their texts alone, without running the finder: the sets had
graded headlines, the other side of talks, the one urging, denials and vague
"countermeasures" differently from each other. Finder version 14 was written after reading the
misses of sets 5-8 and the re-graded sets (meeting, messages, channels, asking another to act
and supplying among the terms; both sides of talks held; a body's own officials meeting among
themselves; denials; headlines read like other sentences), and the model refitted to them.
Finder version 15 keeps those new words to their diplomatic sense (meeting an aim, a television
channel, a government asking its own members, a parliament's resolution, civilian supplies are
not the instruments), after sets 9 and 10 had been measured once with version 14; its model is
fitted to all ten sets. Finder version 16 was written after reading the misses of sets 9 and 10
(so they are development sets now): sanctions packages "against" a country, controls on
exports, cutting off from a currency, prisoner exchanges, pressing or asking another
government, raising a matter with it, objecting, votes in a council, rejecting reports of an
act as a denial, "has no sanctions", being listed "for their role in", a country's companies
acting on their own, and "sell" read as a verb. Finder version 17, from the misses of all ten
sets: an envoy speaking in a council ("the representative of the United States said"),
acting "together with" another government, a package of measures (unless aid), and the
sanctions-monitoring panel and team; and, after a second review with ordinary English, words
of an instrument that the sentence shows to mean something else are no terms there (a vote
outside an international body, asking no government, meeting a target, a parliament's
resolution), controls only on exports, shipments or technology, a denial through
"rejects ... reports", companies named a few words after the country, and evading a measure
("skirting the price cap") as being on its receiving end.

The ninth held-out set (`evidence_labels_heldout9.json`: a parliamentary committee hearing
transcript, a sanctions-compliance bulletin, a humanitarian situation update, a regional opinion
column, a foreign ministry's press-briefing readout and a crisis chronology) was written and
graded by the grading guide, and its labels committed, before the finder first ran on it, without
sight of the finder's rules or term lists. Measured once after finder version 14: recall@5 0.702,
nDCG@5 0.698, precision@5 0.400 (ceiling 0.573) and 4 suggestions marked direct in its 8 cells
without direct evidence (finder version 13 on it: 0.691, 0.686, 0.409 and 3; only totals were
looked at). It is held to floors just below.

The tenth held-out set (`evidence_labels_heldout10.json`: a wire story built around quotes, lecture
notes, a correspondent's numbered thread, a joint statement of three governments, a bank's
investment-risk memo and a radio interview transcript) was written and graded, and its labels
committed, before the finder first ran on it, without sight of the finder's rules or term lists.
Measured once after finder version 14: recall@5 0.676, nDCG@5 0.766, precision@5 0.418
(ceiling 0.609) and 7 suggestions marked direct in its 8 cells without direct evidence
(finder version 13 on it: 0.633, 0.730, 0.382 and 7; only totals were looked at). It is held
to floors just below.

The eleventh held-out set (`evidence_labels_heldout11.json`: a magazine long-read feature, a
written answer to a parliamentary question, an embassy press release, a news agency's "what we
know so far" explainer, a TV panel debate transcript and a briefing memo from a minister's
private office) and the twelfth (`evidence_labels_heldout12.json`: a newsletter digest, a
tribunal's summary of a sanctions appeal, a summit chair's statement, a policy brief, a reader
Q&A column and the minutes of a working group) were written and graded by the guide, and their
labels committed, before the finder first ran on them, without sight of the finder's rules or
term lists. Measured once after finder version 17 (recall@5, nDCG@5, precision@5, false direct):
set 11 0.837, 0.748, 0.364 (ceiling 0.445), 3 in 8 cells; set 12 0.677, 0.737, 0.445 (ceiling
0.627), 2 in 8 cells. Finder version 13 on them, totals only: 0.777, 0.700, 0.336, 4 and 0.639,
0.715, 0.427, 3. So on text nobody had read, recall is still 0.11 and 0.27 below the tuning
set's 0.944. They are held to floors just below.

Finder versions 18 to 20 were written after reading the misses of sets 11 and 12 and two
reviews with ordinary English (the month "May", denials of the past, questions with a negative
auxiliary, officials "from" an actor, and the new words kept to their sense). The thirteenth
held-out set (`evidence_labels_heldout13.json`: a front-page news report, a defence ministry
fact sheet, a journal abstract and introduction, an arms-transfer monitor's quarterly report, a
visiting foreign minister's press conference and a parliamentary library briefing) and the
fourteenth (`evidence_labels_heldout14.json`: a Sunday column, a sanctions lawyer's blog post, a
Security Council meeting record, a trade association's member alert, a podcast of two analysts
and a yearbook's diplomatic chronology) were written and graded by the guide, labels first,
without sight of the finder. Measured once after finder version 20: set 13 0.915, 0.860, 0.536
(ceiling 0.573), 8 false direct in 8 cells; set 14 0.830, 0.842, 0.491 (ceiling 0.609), 3 in 8
cells. Finder version 13 on them, totals only: 0.852, 0.818, 0.509, 8 and 0.797, 0.806, 0.473,
2. Recall on set 13 is within 0.03 of the tuning set's; on set 14 it is 0.11 below. Finder
version 21 was written after reading their misses (so they are development sets now): a
clause opened by ", and neither ...", an intelligence agency that speaks, recruits who
complete training, a meeting place named after "in", welcoming another's step, receiving a
minister, a protocol, capping imports and adding entities to a list. Finder version 22 keeps
those words to their sense (a list named near "added", not "its own imports", a country's
private people acting on their own).

The fifteenth held-out set (`evidence_labels_heldout15.json`: a local radio news script, a
foreign ministry's annual report section on sanctions, a master's thesis excerpt, a donor
conference summary, an investigative exclusive and an export-control agency's FAQ) and the
sixteenth (`evidence_labels_heldout16.json`: a parliamentary debate, a wire "week ahead" diary, a
think tank's event transcript, a spokesperson's social-media posts, a diplomat's obituary and a
summit fact sheet) were written and graded by the guide, labels first, without sight of the
finder. Measured once after finder version 22: set 15 0.817, 0.812, 0.486 (ceiling 0.571), 5
false direct in 9 cells; set 16 0.803, 0.754, 0.470 (ceiling 0.580), 4 in 10 cells. Finder
version 13 on them, totals only: 0.807, 0.812, 0.476, 7 and 0.793, 0.764, 0.460, 3. So the
rules written today gain little on these two; recall stays 0.13 and 0.14 below the tuning
set's. Finder version 23 was written after reading their misses: protesting another's act is
not doing it, "reports that ... are untrue" deny the act, a threat answering measures aimed at
the speaker itself is not the speaker's measure, rationing shells is using them, names joined
by a hyphen share the term ("the US-ROK Alliance"), speaking to another's officials, convening
and co-chairing.

The seventeenth held-out set (`evidence_labels_heldout17.json`: a regional front page, a foreign
ministry's statement on a General Assembly vote, an arms-trade magazine article, a press gaggle
on a presidential plane, a sanctions-implementation report to a UN committee and an
encyclopedia article) and the eighteenth (`evidence_labels_heldout18.json`: a television debate,
an ambassador's memoir, a bank compliance email, a ceasefire monitoring report, a model-UN
position paper and a news analysis with a timeline) were written and graded by the guide,
labels first, without sight of the finder. Measured once after finder version 23: set 17 0.811,
0.813, 0.495 (ceiling 0.600), 3 false direct in 9 cells; set 18 0.876, 0.888, 0.448 (ceiling
0.514), 4 in 9 cells. Finder version 13 on them, totals only: 0.740, 0.787, 0.476, 3 and 0.819,
0.852, 0.419, 6. Finder version 24 was written after reading their misses: a term ending in
"e" is found in its form in -ing ("urging", "denouncing", "welcoming" were missed before), the
actor's own tanks or troops in combat ("Russian tanks shelled Kharkiv") are not military aid,
consulting, working or sharing "with" another makes both parties, a "model NATO summit" is a
simulation, and a note verbale, a permanent mission, credentials, working closely with and
sharing information with are diplomacy terms. Finder version 25, after a review of version
24 with ordinary English, narrows those rules (sharing a thing passes it on; "intelligence
reports" are given; rationing for another is giving, so "rationing shells" is read as before
and sets 11 and 16 have a false direct mark more).

The nineteenth held-out set (`evidence_labels_heldout19.json`: a TV news bulletin, a central
bank's stability-report box on sanctions, a veterans' newsletter, a defence attaché's cable, a
court summary of an export-control case and a children's explainer) and the twentieth
(`evidence_labels_heldout20.json`: a foreign minister's speech, a shipping bulletin, a written
parliamentary question and answer, a research institute's data note, an envoy's profile and an
exchange of letters) were written and graded by the guide, labels first, without sight of the
finder. Measured once after finder version 25: set 19 0.818, 0.797, 0.336 (ceiling 0.418), 1
false direct in 8 cells; set 20 0.772, 0.767, 0.509 (ceiling 0.655), 2 in 8 cells. Finder version
13 on them, totals only: 0.758, 0.772, 0.309, 1 and 0.693, 0.714, 0.464, 2.

Finder version 26 was written after reading their misses: a clause opening the sentence ("If
Pyongyang tests again, Japan will ...") ends at its comma, "it" as the main clause's subject
right after stands for the opening clause's subject, and the one met with or talked with later
in the clause is the other side of talks held.

The twenty-first held-out set (`evidence_labels_heldout21.json`: a government press release on
export controls, a summit live blog, a policy-school teaching case, a sanctions-compliance
webinar's questions and answers, a think tank's scorecard and an NGO's open letter) and the
twenty-second (`evidence_labels_heldout22.json`: a regional newspaper's editorial, a wire
factbox, an interview with a retired general, a conference rapporteur's summary, a translated
state-media commentary and a market analyst's note on defence stocks, with 13 cells without
direct evidence) were written and graded the same way. Measured once after finder version 26:
set 21 0.727, 0.734, 0.400 (ceiling 0.564), 2 false direct in 8 cells; set 22 0.892, 0.825,
0.435 (ceiling 0.518), 8 in 13 cells. Finder version 13 on them: 0.727, 0.726, 0.400, 4 and
0.848, 0.797, 0.412, 9.

Finder version 27 was written after reading their misses: a question opening with an
auxiliary, a report called so-called and groundless, a former official, "according to ..."
intelligence, measures on those "involved in" something, what a request asks, a list of nouns
with its verb after ", and", and "rounds" of ammunition.

The twenty-third held-out set (`evidence_labels_heldout23.json`: a literary review of a
diplomatic history, a military-affairs blog post, a university press release, a Seoul daily's
English news brief, a marine insurer's circular and a head of state's UN General Assembly
speech) and the twenty-fourth (`evidence_labels_heldout24.json`: a think tank's weekly
newsletter, a travel advisory, a court judgment on an arms-export licence, a community radio
phone-in, a former ambassador's post with replies and a ministry's answers to a committee) were
written and graded the same way. Measured once after finder version 27: set 23 0.857, 0.852,
0.514 (ceiling 0.629), 6 false direct in 9 cells; set 24 0.832, 0.800, 0.480 (ceiling 0.610),
2 in 10 cells. Finder version 13 on them: 0.833, 0.832, 0.505, 7 and 0.881, 0.799, 0.520, 2 (on
set 24 the later finder is worse).

Finder version 28 was written after reading set 24's misses (set 24: 0.862): a yes-or-no
question takes for granted what it names with "the" or as the actor's own, a cleft names the
one who acted, "see"/"learn"/"hear" report what follows "that", a body named for sanctions is
about sanctions, and "officials of Japan's ministries met" is a meeting among themselves.

The twenty-fifth held-out set (`evidence_labels_heldout25.json`: an intelligence agency's public
threat assessment, a trade union's statement on an arms factory, a sanctions group's case study
of one tanker, an oral-history interview with a retired diplomat, an encyclopedia section on
foreign relations and a student's exam answer) and the twenty-sixth
(`evidence_labels_heldout26.json`: a foreign minister's press release after a G7 meeting, a
satirical column, a background briefing by senior officials, a bank's compliance-training notes,
a parliamentary committee's conclusions and a letter to the editor, with 12 cells without direct
evidence) were written and graded the same way. Measured once after finder version 28: set 25
0.866, 0.887, 0.533 (ceiling 0.638), 5 false direct in 9 cells; set 26 0.799, 0.832, 0.367
(ceiling 0.467), 6 in 12 cells. Finder version 13 on them: 0.854, 0.882, 0.524, 5 and 0.764,
0.800, 0.356, 6.

Finders 29 and 30 were written after reading the misses of sets 23, 25 and 26 and a review with
ordinary English: asking others, giving none, arming oneself, votes on measures, conditions
(an act inside "if ..." is only supposed), clefts, and a crash on an opening "If" without a
comma (tests/test_evidence_robustness.py now reads 10,000 shuffled sentences).

The twenty-seventh held-out set (`evidence_labels_heldout27.json`: a wire story updated three
times, a defence procurement newsletter, a church relief agency's appeal, a select committee's
oral evidence, a foreign ministry's press briefing and a former defence minister's op-ed, with
13 cells without direct evidence) and the twenty-eighth (`evidence_labels_heldout28.json`: a
sanctions lawyer's explainer, a news magazine's cover story, a podcast of two analysts, a
leaders' call readout, a shipping agent's email and an arms-control institute's report chapter)
were written and graded the same way. Measured once after finder version 30: set 27 0.904,
0.826, 0.529 (ceiling 0.612), 6 false direct in 13 cells; set 28 0.807, 0.844, 0.530 (ceiling
0.640), 5 in 10 cells. Finder version 13 on them: 0.877, 0.803, 0.506, 8 and 0.733, 0.795,
0.460, 5.

Finder version 31 was written after reading the misses of sets 25, 26 and 28 (set 28: 0.857):
urged "not to", a demand "met", a sanctions resolution, attacks, "concern that", charges
denied, fire "by" the actor, a demonym before a listing, the occasion of a summit, and a veto of
the panel's renewal.

The twenty-ninth held-out set (`evidence_labels_heldout29.json`: a congressional hearing's
opening statements, a Japanese newspaper's editorial, an NGO situation report, a diplomatic
correspondent's notebook, a foreign ministry's fact sheet and a screening-software vendor's
blog) and the thirtieth (`evidence_labels_heldout30.json`: an EU Council press release on a
sanctions package, a Russian state news agency's report, a Korean think tank's issue brief, a
TV talk show, graduate seminar notes and a North Korean statement in translation) were written
and graded the same way. Measured once after finder version 31: set 29 0.870, 0.874, 0.352
(ceiling 0.410), 4 false direct in 9 cells; set 30 0.768, 0.826, 0.500 (ceiling 0.618), 4 in 8
cells. Finder version 13 on them: 0.706, 0.779, 0.305, 4 and 0.753, 0.806, 0.491, 5.

Finders 32 and 33 were written after reading the misses of sets 27, 29 and 30 and a second review
with ordinary English (fronted phrases without a comma, arms bought from another, calls held,
caps set by a body, sponsors, accusations, trade partners, vague measures, what is only feared
or hoped, and narrower versions of finders 29-31's rules).

The thirty-first held-out set (`evidence_labels_heldout31.json`: a European Parliament debate,
an investigative thread, a Chinese foreign ministry press conference, a logistics risk advisory,
a civics worksheet and a diplomat's obituary) and the thirty-second
(`evidence_labels_heldout32.json`: a G7 communiqué section, a defence firm's earnings call, a
refugee charity's newsletter, a UN Panel of Experts excerpt, a Ukrainian government press
release and a letters page) were written and graded the same way. Measured once after finder
version 33: set 31 0.826, 0.792, 0.360 (ceiling 0.450), 1 false direct in 10 cells; set 32
0.818, 0.810, 0.380 (ceiling 0.480), 5 in 10 cells. Finder version 13 on them: 0.751, 0.718,
0.330, 2 and 0.853, 0.817, 0.400, 3 (on set 32 the later finder is worse).

Finder version 34 was written after reading the misses of sets 31 and 32 (set 32: 0.878):
replies and reports to a panel or committee, listing suppliers, measures on firms supplying
arms, producing one's own shells, building up another's defences, a package of equipment.

The thirty-third held-out set (`evidence_labels_heldout33.json`: a NATO summit declaration, a
markets column, a human-rights NGO's press release, a parliamentary library briefing on
sanctions law, a documentary script and a journalists' group chat) and the thirty-fourth
(`evidence_labels_heldout34.json`: a defence white paper excerpt, a wire analysis, a commodity
trader's note, an ambassador's farewell speech, a student op-ed and a broadcaster's explainer)
were written and graded the same way. Measured once after finder version 34: set 33 0.798,
0.767, 0.380 (ceiling 0.490), 7 false direct in 10 cells; set 34 0.840, 0.886, 0.391 (ceiling
0.491), 1 in 8 cells. Finder version 13 on them: 0.711, 0.701, 0.340, 8 and 0.836, 0.809, 0.391,
5.

Finder version 35 was written after reading the misses of sets 33 and 34: "cap" with oil or
barrels named, a denial followed by the term, acting in defiance of the measures, and a vote
with a council named anywhere in the sentence.

The thirty-fifth held-out set (`evidence_labels_heldout35.json`: a Japanese Chief Cabinet
Secretary's press conference, a security forum's chair's summary, a freight forwarder's
compliance FAQ, a profile of a sanctions official, a textbook chapter on the armistice and
after, and podcast show notes) and the thirty-sixth (`evidence_labels_heldout36.json`: rapporteur
notes on Russia-North Korea ties, a local report on a defence factory's export contract, a
designation notice, a retired general's memoir, a Korean-studies blog and a sequence of news
alerts) were written and graded the same way. Measured once after finder version 35: set 35
0.793, 0.823, 0.533 (ceiling 0.657), 3 false direct in 9 cells; set 36 0.769, 0.776, 0.438
(ceiling 0.552), 1 in 9 cells. Finder version 13 on them: 0.726, 0.759, 0.476, 3 and 0.702,
0.739, 0.400, 1.

Finder version 36 narrowed the rules of finders 32-35 after a third review with ordinary
English (214 sentences: 95 read wrongly by finder 35, 49 by finder 36, most of them also by
finder 31).

The thirty-seventh held-out set (`evidence_labels_heldout37.json`: a foreign ministry's
diplomatic bluebook, a bond-market newswire story, a peace NGO's policy paper, a hearing summary
in bullets, a TV quiz show and a translated Ukrainian interview) and the thirty-eighth
(`evidence_labels_heldout38.json`: a Treasury-style press release, a European think tank's
commentary, an arms trade show report, a radio call-in, a lecture handout and a Chinese state
newspaper editorial in translation) were written and graded the same way. Measured once after
finder version 36: set 37 0.841, 0.848, 0.509 (ceiling 0.618), 3 false direct in 8 cells; set 38
0.808, 0.811, 0.427 (ceiling 0.564), 3 in 8 cells. Finder version 13 on them: 0.728, 0.799,
0.455, 4 and 0.747, 0.747, 0.373, 3.

The thirty-ninth held-out set (`evidence_labels_heldout39.json`: the foreign-policy chapter of a
party manifesto, a customs seizure notice, an enthusiasts' forum thread, a wargame after-action
report, a sports-diplomacy feature and a faith council's peace appeal) and the fortieth
(`evidence_labels_heldout40.json`: a roundup of translated Telegram posts, an "ask the expert"
column, a digest of journal abstracts, a coast guard report on a ship-to-ship transfer, a neutral
country's foreign ministry statement and a children's explainer) were written and graded the same
way. Measured once after finder version 36: set 39 0.811, 0.756, 0.305 (ceiling 0.389), 3 false
direct in 11 cells; set 40 0.715, 0.783, 0.430 (ceiling 0.600), 3 in 10 cells. Finder version 13
on them: 0.654, 0.661, 0.263, 4 and 0.588, 0.655, 0.360, 4.

The forty-first held-out set (`evidence_labels_heldout41.json`: a shipping weekly's tanker market
report, a debating society's motion, an encyclopedia article on a sanctions regime, a veterans'
newsletter column, a human-rights rapporteur's release and a podcast's chapter notes) and the
forty-second (`evidence_labels_heldout42.json`: a Security Council meeting transcript, a
regulator's enforcement notice, letters to a regional paper, a foresight paper's scenarios, a
defence-industry chief executive's interview and a parliamentary library's chronology) were
written and graded the same way. Measured once after finder version 37: set 41 0.791, 0.822,
0.435 (ceiling 0.574), 2 false direct in 7 cells; set 42 0.775, 0.808, 0.445 (ceiling 0.591), 2 in
8 cells. Finder version 13 on them: 0.764, 0.767, 0.409, 2 and 0.777, 0.781, 0.445, 2.

The forty-third held-out set (`evidence_labels_heldout43.json`: a government's export-control
report to parliament, a "winners and losers of the week" column, a model-diplomacy club's
briefing notes, an air-cargo customer advisory, a retired diplomat's graduation speech and a
fact-check article) and the forty-fourth (`evidence_labels_heldout44.json`: a bank's compliance
bulletin, a television news script, the opening of a popular history chapter, a minister's
statement to parliament with questions, an NGO's humanitarian access update and a community
newsletter on Washington's Korea policy) were written and graded the same way. Measured once
after finder version 38: set 43 0.730, 0.758, 0.409 (ceiling 0.555), 3 false direct in 8 cells;
set 44 0.722, 0.764, 0.400 (ceiling 0.565), 2 in 7 cells. Finder version 13 on them: 0.742,
0.744, 0.409, 6 and 0.689, 0.767, 0.383, 3.

Run with -s to see the per-cell tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.evidence.evaluation import build_project, evaluate, load_set, table, totals
from workbench.store import frame, sentences, sources

DATA = Path(__file__).parent / "data"
TUNING = DATA / "evidence_labels.json"


@dataclass(frozen=True)
class HeldOut:
    """One held-out set and what its labels must hold: the number of texts, of stored
    sentences and of graded sentences (each as (at least, at most)), and at least how many
    of its 30 cells have no direct evidence (what is proposed there counts too)."""

    name: str
    file: str
    documents: tuple[int, int]
    stored: tuple[int, int] | None
    graded: tuple[int, int] | None
    without_direct: int = 8


def _exactly(n: int) -> tuple[int, int]:
    return (n, n)


HELD_OUT = [
    HeldOut("set 1", "evidence_labels_heldout.json", (9, 99), None, None, 0),
    HeldOut("set 2", "evidence_labels_heldout2.json", (8, 99), None, (40, 60), 0),
    HeldOut("set 3", "evidence_labels_heldout3.json", _exactly(6), (60, 100), (40, 60), 0),
    HeldOut("set 4", "evidence_labels_heldout4.json", _exactly(5), (60, 80), (40, 60), 0),
    HeldOut("set 5", "evidence_labels_heldout5.json", _exactly(6), _exactly(92), _exactly(74), 0),
    HeldOut("set 6", "evidence_labels_heldout6.json", _exactly(6), _exactly(100), _exactly(68)),
    HeldOut("set 7", "evidence_labels_heldout7.json", _exactly(6), _exactly(108), _exactly(79)),
    HeldOut("set 8", "evidence_labels_heldout8.json", _exactly(6), _exactly(104), _exactly(64)),
    HeldOut("set 9", "evidence_labels_heldout9.json", _exactly(6), _exactly(108), _exactly(63)),
    HeldOut("set 10", "evidence_labels_heldout10.json", _exactly(6), _exactly(109), _exactly(71)),
    HeldOut("set 11", "evidence_labels_heldout11.json", _exactly(6), _exactly(109), _exactly(61)),
    HeldOut("set 12", "evidence_labels_heldout12.json", _exactly(6), _exactly(114), _exactly(63)),
    HeldOut("set 13", "evidence_labels_heldout13.json", _exactly(6), _exactly(109), _exactly(80)),
    HeldOut("set 14", "evidence_labels_heldout14.json", _exactly(6), _exactly(111), _exactly(68)),
    HeldOut("set 15", "evidence_labels_heldout15.json", _exactly(6), _exactly(106), _exactly(74)),
    HeldOut("set 16", "evidence_labels_heldout16.json", _exactly(6), _exactly(105), _exactly(64)),
    HeldOut("set 17", "evidence_labels_heldout17.json", _exactly(6), _exactly(110), _exactly(70)),
    HeldOut("set 18", "evidence_labels_heldout18.json", _exactly(6), _exactly(107), _exactly(63)),
    HeldOut("set 19", "evidence_labels_heldout19.json", _exactly(6), _exactly(110), _exactly(53)),
    HeldOut("set 20", "evidence_labels_heldout20.json", _exactly(6), _exactly(108), _exactly(71)),
    HeldOut("set 21", "evidence_labels_heldout21.json", _exactly(6), _exactly(117), _exactly(72)),
    HeldOut("set 22", "evidence_labels_heldout22.json", _exactly(6), _exactly(110), _exactly(58), 13),
    HeldOut("set 23", "evidence_labels_heldout23.json", _exactly(6), _exactly(124), _exactly(60), 9),
    HeldOut("set 24", "evidence_labels_heldout24.json", _exactly(6), _exactly(111), _exactly(61), 10),
    HeldOut("set 25", "evidence_labels_heldout25.json", _exactly(6), _exactly(118), _exactly(62), 9),
    HeldOut("set 26", "evidence_labels_heldout26.json", _exactly(6), _exactly(110), _exactly(64), 12),
    HeldOut("set 27", "evidence_labels_heldout27.json", _exactly(6), _exactly(110), _exactly(59), 13),
    HeldOut("set 28", "evidence_labels_heldout28.json", _exactly(6), _exactly(110), _exactly(60), 10),
    HeldOut("set 29", "evidence_labels_heldout29.json", _exactly(6), _exactly(107), _exactly(51), 9),
    HeldOut("set 30", "evidence_labels_heldout30.json", _exactly(6), _exactly(106), _exactly(74), 8),
    HeldOut("set 31", "evidence_labels_heldout31.json", _exactly(6), _exactly(116), _exactly(65), 10),
    HeldOut("set 32", "evidence_labels_heldout32.json", _exactly(6), _exactly(106), _exactly(55), 10),
    HeldOut("set 33", "evidence_labels_heldout33.json", _exactly(6), _exactly(110), _exactly(63), 10),
    HeldOut("set 34", "evidence_labels_heldout34.json", _exactly(6), _exactly(109), _exactly(58), 8),
    HeldOut("set 35", "evidence_labels_heldout35.json", _exactly(6), _exactly(109), _exactly(64), 9),
    HeldOut("set 36", "evidence_labels_heldout36.json", _exactly(6), _exactly(103), _exactly(62), 9),
    HeldOut("set 37", "evidence_labels_heldout37.json", _exactly(6), _exactly(110), _exactly(71), 8),
    HeldOut("set 38", "evidence_labels_heldout38.json", _exactly(6), _exactly(106), _exactly(63), 8),
    HeldOut("set 39", "evidence_labels_heldout39.json", _exactly(6), _exactly(122), _exactly(46), 11),
    HeldOut("set 40", "evidence_labels_heldout40.json", _exactly(6), _exactly(125), _exactly(62), 10),
    HeldOut("set 41", "evidence_labels_heldout41.json", _exactly(6), _exactly(124), _exactly(73), 7),
    HeldOut("set 42", "evidence_labels_heldout42.json", _exactly(6), _exactly(123), _exactly(73), 8),
    HeldOut("set 43", "evidence_labels_heldout43.json", _exactly(6), _exactly(124), _exactly(69), 8),
    HeldOut("set 44", "evidence_labels_heldout44.json", _exactly(6), _exactly(122), _exactly(61), 7),
]

# Floors as recall@5, nDCG@5, precision@5 and the most suggestions marked direct in cells
# without direct evidence, just below what each set reaches, to catch regressions: raise them
# when the finder improves, never lower them without saying why here.
#
# Every held-out set was re-graded against tests/data/evidence_grading.md with finder version
# 14 (the figures before, set by set and version by version, are in this file's history).
# Then: tuning 0.944, 0.913, 0.400, 0; set 1 0.901, 0.922, 0.555, 1; set 2 0.949, 0.963, 0.558, 0;
# set 3 0.933, 0.708, 0.444, 1; set 4 0.910, 0.787, 0.500, 0; set 5 0.851, 0.748, 0.438, 3; set 6
# 0.863, 0.876, 0.340, 5; set 7 0.773, 0.793, 0.464, 2; set 8 0.803, 0.842, 0.467, 2. Set 7 has 3
# false direct since "Kim" before another name is read as North Korea's again (the rule that
# read it as someone else also dropped Kim Yo Jong and Title Case headings). Set 3 is 0.904
# since asking counts as diplomacy only when a government is the one asked ("Kyiv has asked
# the group to share its evidence" is no candidate) and a heading on "DPRK-Russia military
# cooperation" ranks above one of its direct sentences.
FLOORS = {
    "tuning": (0.93, 0.90, 0.39, 0),
    "set 1": (0.89, 0.91, 0.54, 0), "set 2": (0.98, 0.95, 0.57, 0), "set 3": (0.90, 0.71, 0.42, 1),
    # Set 5's nDCG floor went from 0.77 to 0.75 with finder 31: in United Nations x Diplomacy,
    # a cell without direct evidence, the UN named as the occasion ("on the sidelines of the UN
    # General Assembly", graded 1) now ranks below a sentence graded 0 (again with finder 38,
    # after 0.785 with finder 37).
    "set 4": (0.91, 0.80, 0.49, 0), "set 5": (0.88, 0.75, 0.45, 0), "set 6": (0.85, 0.86, 0.33, 3),
    "set 7": (0.80, 0.80, 0.47, 3), "set 8": (0.83, 0.87, 0.48, 1),
    # Measured once while unseen with finder version 14: 0.702, 0.698, 0.400, 4; version 17,
    # written after reading its misses: 0.770, 0.753, 0.455, 1.
    "set 9": (0.82, 0.81, 0.45, 1),
    # Measured once while unseen with finder version 14: 0.676, 0.766, 0.418, 7; version 16:
    # 0.811, 0.807, 0.491, 6.
    "set 10": (0.80, 0.81, 0.48, 4),
    # Measured once while unseen with finder version 17 (0.837, 0.748, 0.364, 3 and 0.677,
    # 0.737, 0.445, 2).
    "set 11": (0.83, 0.78, 0.35, 2), "set 12": (0.72, 0.75, 0.44, 0),
    # Measured once while unseen with finder version 20 (0.915, 0.860, 0.536, 8 and 0.830,
    # 0.842, 0.491, 3); version 21: 0.915, 0.860, 0.536, 4 and 0.903, 0.878, 0.536, 2.
    "set 13": (0.90, 0.84, 0.52, 4), "set 14": (0.89, 0.86, 0.52, 2),
    # Measured once while unseen with finder version 22 (0.817, 0.812, 0.486, 5 and 0.803,
    # 0.754, 0.470, 4); version 23: 0.888, 0.843, 0.505, 4 and 0.803, 0.755, 0.470, 2.
    "set 15": (0.89, 0.85, 0.50, 4), "set 16": (0.81, 0.77, 0.46, 3),
    # Measured once while unseen with finder version 23 (0.811, 0.813, 0.495, 3 and 0.876,
    # 0.888, 0.448, 4); version 24: 0.851, 0.829, 0.514, 2 and 0.876, 0.888, 0.448, 4.
    "set 17": (0.84, 0.84, 0.50, 1), "set 18": (0.90, 0.88, 0.44, 4),
    # Measured once while unseen with finder version 25 (0.818, 0.797, 0.336, 1 and 0.772,
    # 0.767, 0.509, 2).
    "set 19": (0.82, 0.81, 0.34, 1), "set 20": (0.83, 0.82, 0.54, 1),
    # Measured once while unseen with finder version 26 (0.727, 0.734, 0.400, 2 and 0.892,
    # 0.825, 0.435, 8).
    "set 21": (0.74, 0.78, 0.40, 0), "set 22": (0.91, 0.83, 0.44, 1),
    # Measured once while unseen with finder version 27 (0.857, 0.852, 0.514, 6 and 0.832,
    # 0.800, 0.480, 2).
    "set 23": (0.86, 0.85, 0.51, 0), "set 24": (0.88, 0.83, 0.52, 2),
    # Measured once while unseen with finder version 28 (0.866, 0.887, 0.533, 5 and 0.799,
    # 0.832, 0.367, 6).
    "set 25": (0.85, 0.89, 0.52, 3), "set 26": (0.78, 0.82, 0.35, 3),
    # Measured once while unseen with finder version 30 (0.904, 0.826, 0.529, 6 and 0.807,
    # 0.844, 0.530, 5).
    "set 27": (0.89, 0.81, 0.51, 1), "set 28": (0.85, 0.86, 0.53, 1),
    # Measured once while unseen with finder version 31 (0.870, 0.874, 0.352, 4 and 0.768,
    # 0.826, 0.500, 4).
    # With finder 38 set 29's floors went from 0.92 and 0.89 to 0.88 and 0.87: bare "oppose" and
    # "addressed the council" read too much ordinary English as diplomacy (a review of finder 37),
    # so 'China "firmly opposes" the listings' and "addressed the Council" are missed again; set
    # 30's from 0.87 and 0.52 to 0.85 and 0.50: two direct sentences of the United States and
    # Japan in Sanctions now rank sixth.
    "set 29": (0.88, 0.87, 0.35, 2), "set 30": (0.85, 0.86, 0.50, 0),
    # Measured once while unseen with finder version 33 (0.826, 0.792, 0.360, 1 and 0.818,
    # 0.810, 0.380, 5).
    "set 31": (0.82, 0.79, 0.35, 1), "set 32": (0.88, 0.84, 0.41, 0),
    # Measured once while unseen with finder version 34 (0.798, 0.767, 0.380, 7 and 0.840,
    # 0.886, 0.391, 1).
    "set 33": (0.80, 0.76, 0.38, 6), "set 34": (0.88, 0.89, 0.41, 0),
    # Measured once while unseen with finder version 35 (0.793, 0.823, 0.533, 3 and 0.769,
    # 0.776, 0.438, 1).
    "set 35": (0.78, 0.81, 0.52, 3), "set 36": (0.75, 0.77, 0.42, 1),
    # Measured once while unseen with finder version 36 (0.841, 0.848, 0.509, 3 and 0.808,
    # 0.811, 0.427, 3).
    "set 37": (0.82, 0.83, 0.49, 3), "set 38": (0.85, 0.83, 0.44, 3),
    # Measured once while unseen with finder version 36 (0.811, 0.756, 0.305, 3 and 0.715,
    # 0.783, 0.430, 3).
    "set 39": (0.79, 0.74, 0.29, 3), "set 40": (0.76, 0.79, 0.45, 3),
    # Measured once while unseen with finder version 37 (0.791, 0.822, 0.435, 2 and 0.775,
    # 0.808, 0.445, 2).
    "set 41": (0.77, 0.80, 0.42, 2), "set 42": (0.76, 0.79, 0.43, 2),
    # Measured once while unseen with finder version 38 (0.730, 0.758, 0.409, 3 and 0.722,
    # 0.764, 0.400, 2).
    "set 43": (0.71, 0.74, 0.39, 3), "set 44": (0.70, 0.74, 0.38, 2),
}


def _exact_sentences(project, cells) -> None:
    files = {s.filename: s.id for s in sources.list_all(project)}
    for cell in cells:
        frame.find_actor(project, cell["actor"])
        frame.find_instrument(project, cell["instrument"])
        for s in cell["sentences"]:
            source_id = files[s["file"]]
            text = sources.get(project, source_id).text
            found = [i for i, start, end in sentences.spans_of(project.db, source_id) if text[start:end] == s["text"]]
            assert len(found) == 1, s["text"][:60]


def test_tuning_labels_are_exact_sentences_of_the_seeds(sample_project):
    cells = load_set(TUNING)["cells"]
    assert len(cells) >= 15
    _exact_sentences(sample_project, cells)


@pytest.mark.parametrize("held", HELD_OUT, ids=[h.name for h in HELD_OUT])
def test_held_out_labels_are_exact_sentences_of_their_texts(held, tmp_path):
    labelled = load_set(DATA / held.file)
    project = build_project(tmp_path / "held-out.pbw", labelled)
    try:
        assert len(labelled["cells"]) == 30
        assert held.documents[0] <= len(labelled["documents"]) <= held.documents[1]
        _exact_sentences(project, labelled["cells"])
        graded = {s["text"] for c in labelled["cells"] for s in c["sentences"]}
        if held.stored:
            assert held.stored[0] <= sentences.count(project.db) <= held.stored[1]
        if held.graded:
            assert held.graded[0] <= len(graded) <= held.graded[1]
        assert {g for c in labelled["cells"] for g in (s["grade"] for s in c["sentences"])} == {1, 2}
        without = sum(1 for c in labelled["cells"] if 2 not in {s["grade"] for s in c["sentences"]})
        assert without >= held.without_direct
    finally:
        project.close()


def test_every_set_has_its_floors():
    assert set(FLOORS) == {"tuning", *(h.name for h in HELD_OUT)}


def test_quality_on_all_sets(sample_project, tmp_path):
    results = {"tuning": evaluate(sample_project, load_set(TUNING)["cells"], every_cell=True)}
    for held in HELD_OUT:
        labelled = load_set(DATA / held.file)
        project = build_project(tmp_path / held.file.replace(".json", ".pbw"), labelled)
        try:
            results[held.name] = evaluate(project, labelled["cells"], every_cell=True)
        finally:
            project.close()
    figures = {name: totals(r) for name, r in results.items()}
    for name, r in results.items():
        print(f"\n{name}\n" + table(r))
    print(f"\n{'':<12} {'recall@5':>9} {'nDCG@5':>7} {'prec@5':>7} {'false direct':>13}")
    for name, x in figures.items():
        print(f"{name:<12} {x.recall:>9.3f} {x.ndcg:>7.3f} {x.precision:>7.3f} "
              f"{x.false_direct:>6} in {x.cells_without_direct} cells")
    for name, (recall, ndcg, precision, false_direct) in FLOORS.items():
        x = figures[name]
        assert x.recall >= recall and x.ndcg >= ndcg and x.precision >= precision, (name, table(results[name]))
        assert x.false_direct <= false_direct, (name, table(results[name]))
    # Rules that only fit the sets they were written on would show as a gap: recall on the
    # development sets written before finder version 4 stays within 0.05 of the tuning set's.
    # (Set 1 re-graded is 0.034 below; set 5 and later are not all within it.)
    t = figures["tuning"]
    for name in ("set 1", "set 2", "set 3", "set 4"):
        assert t.recall - figures[name].recall <= 0.05, (name, t.recall, figures[name].recall)
    # Since finder version 11 the tuning set marks nothing direct in its cells without direct
    # evidence.
    assert t.false_direct == 0, table(results["tuning"])
