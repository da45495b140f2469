package org.tingvakt.classifier;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tingvakt.classifier.detect.LanguageDetector;
import org.tingvakt.classifier.model.Calibration;
import org.tingvakt.classifier.model.FeatureExtractor;
import org.tingvakt.classifier.model.LinearModel;
import org.tingvakt.classifier.normalise.FoldedText;
import org.tingvakt.classifier.normalise.TextNormaliser;
import org.tingvakt.classifier.pii.PersonalDataDetector;
import org.tingvakt.classifier.rules.RuleEngine;
import org.tingvakt.classifier.rules.RuleHit;
import org.tingvakt.classifier.secret.SecretDetector;

/**
 * Labels a comment. Thread-safe; create once with {@link #load()} and share.
 *
 * <p>Pipeline: language → folded skeleton → rules (word lists, phrases, dampened by negation, quotes and news cues) →
 * personal-data and secret detectors → trained linear heads over hashed features. A label's score is the larger of its
 * best rule and its model head (calibrated so that 0.5 is the threshold); every label that fired carries the spans and
 * rule or model that made it fire.
 */
public final class Classifier {

    /** Texts longer than this are classified on their first this-many characters. */
    public static final int MAX_ANALYSED_CHARS = 20_000;

    public static final double THRESHOLD = 0.5;
    private static final double REPORTED_SCORE = 0.1;
    public static final String OFFENSIVE_HEAD = "OFFENSIVE";
    /** The OFFENSIVE head of comments detected as Danish (see {@code Datasets.OFFENSIVE_DA}). */
    public static final String OFFENSIVE_DA_HEAD = "OFFENSIVE_DA";

    private static final double VETO = 0.2;
    private static final double STRONG_RULE = 0.85;
    /** A THREAT, HATE, INSULT or PROFANITY head at least this sure fires without the OFFENSIVE head's agreement. */
    static final double SUB_HEAD_ALONE =
            Double.parseDouble(System.getProperty("tingvakt.classifier.subHeadAlone", "0.8"));

    /**
     * Below this calibrated QUESTION head score a "?" alone makes no question (chosen on the tuning set;
     * {@code -Dtingvakt.classifier.questionDeny=0} turns it off).
     */
    static final double QUESTION_DENY =
            Double.parseDouble(System.getProperty("tingvakt.classifier.questionDeny", "0.05"));

    private static final Label[] OFFENSIVE = {Label.THREAT, Label.HATE, Label.INSULT, Label.PROFANITY};
    private static final int MAX_MODEL_SPANS = 3;

    private final LanguageDetector languages;
    private final RuleEngine rules;
    private final PersonalDataDetector personalData = new PersonalDataDetector();
    private final SecretDetector secrets = new SecretDetector();
    private final LinearModel model;
    private final int[] labelHead = new int[Label.values().length];
    private final int[] intentHead = new int[Intent.values().length];
    private final int offensiveHeadAll;
    private final int offensiveHeadDa;
    private final Calibration calibration;

    private Classifier(LanguageDetector languages, RuleEngine rules, LinearModel model, Calibration calibration) {
        this.languages = languages;
        this.rules = rules;
        this.model = model;
        this.calibration = calibration;
        for (Label l : Label.values()) {
            labelHead[l.ordinal()] = model == null ? -1 : model.head(l.name());
        }
        for (Intent i : Intent.values()) {
            intentHead[i.ordinal()] = model == null ? -1 : model.head(i.name());
        }
        offensiveHeadAll = model == null ? -1 : model.head(OFFENSIVE_HEAD);
        offensiveHeadDa = model == null ? -1 : model.head(OFFENSIVE_DA_HEAD);
    }

    /**
     * The head that gates the four offensive sub-heads: for Danish the one trained on DKHate and the Danish curated rows
     * (the mixed head's threshold is set by the synthetic comments of all languages and lost DKHate recall), for the
     * other languages the one trained on all.
     */
    private int offensiveHead(Language lang) {
        return lang == Language.DA && offensiveHeadDa >= 0 ? offensiveHeadDa : offensiveHeadAll;
    }

    private static final class Shared {
        static final Classifier INSTANCE =
                new Classifier(LanguageDetector.load(), RuleEngine.load(), LinearModel.load(), Calibration.load());
    }

    /** The classifier with the shipped models, loaded once per JVM from classpath resources. */
    public static Classifier load() {
        return Shared.INSTANCE;
    }

    /** A classifier with another trained model (cross-validation, experiments); rules and language models are shared. */
    public static Classifier withModel(LinearModel model) {
        return withModel(model, Calibration.IDENTITY);
    }

    /** A classifier with another trained model and calibration (training, evaluation). */
    public static Classifier withModel(LinearModel model, Calibration calibration) {
        return new Classifier(LanguageDetector.load(), RuleEngine.load(), model, calibration);
    }

    /** Rules and detectors only, no trained heads: what the training command uses to build features. */
    public static Classifier rulesOnly() {
        return rulesOnly(LanguageDetector.load());
    }

    public static Classifier rulesOnly(LanguageDetector languages) {
        return new Classifier(languages, RuleEngine.load(), null, Calibration.IDENTITY);
    }

    public Classification classify(String text) {
        return classify(text, Optional.empty());
    }

    public Classification classify(String text, Optional<Language> languageHint) {
        return classify(text, languageHint, ClassificationContext.NONE);
    }

    /**
     * As {@link #classify(String, Optional)}, for a comment written to the account described by {@code context}: the
     * organisation's own phone numbers, e-mail addresses and street addresses quoted in the comment are not personal data.
     */
    public Classification classify(String text, Optional<Language> languageHint, ClassificationContext context) {
        return classify(text, languageHint, context, null, null, null);
    }

    /** Names of the scores {@link #rawScores} returns, in order: every label, then every intent. */
    public static List<String> scoreNames() {
        List<String> n = new ArrayList<>();
        for (Label l : LABELS) {
            n.add(l.name());
        }
        for (Intent i : INTENTS) {
            n.add(i.name());
        }
        return n;
    }

    /**
     * The scores before calibration (every label, then every intent; see {@link #scoreNames()}) and the language, for
     * fitting the calibration on a tuning set.
     */
    public Classification rawScores(String text, Optional<Language> languageHint, double[] out) {
        return classify(text, languageHint, ClassificationContext.NONE, out, null, null);
    }

    /**
     * As {@link #rawScores(String, Optional, double[])}; {@code headOwn[k]} tells whether score k is its trained head's
     * own score (not a rule hit's, nor one capped by a rhetorical question, a veto or an ad), the only kind of score that
     * a decision threshold below 0.5 may let fire.
     */
    public Classification rawScores(String text, Optional<Language> languageHint, double[] out, boolean[] headOwn) {
        return classify(text, languageHint, ClassificationContext.NONE, out, null, headOwn);
    }

    /** Every score after calibration, unrounded and including those under 0.1 (order of {@link #scoreNames()}). */
    public Classification allScores(String text, Optional<Language> languageHint, double[] out) {
        return classify(text, languageHint, ClassificationContext.NONE, null, out, null);
    }

    private Classification classify(
            String text,
            Optional<Language> languageHint,
            ClassificationContext context,
            double[] rawOut,
            double[] calibratedOut,
            boolean[] headOwnOut) {
        // the model sums its features itself (FeatureExtractor's features, each word's part memoised): no feature list
        Analysis a = analyse(text, languageHint, false, context);
        String t = a.text;
        int offensiveHead = offensiveHead(a.language);
        double[] labelScore = new double[LABELS.length];
        double[] intentScore = new double[INTENTS.length];
        List<RuleHit> all = a.hits;
        boolean rhetorical = false;
        boolean request = false;
        for (RuleHit h : all) {
            if (h.name().equals("RHETORICAL") && h.score() >= THRESHOLD) {
                rhetorical = true;
            } else if (h.name().equals("QUESTION") && h.score() >= THRESHOLD) {
                request = true;
            }
        }
        for (RuleHit h : all) {
            Label l = label(h.name());
            if (l != null) {
                labelScore[l.ordinal()] = Math.max(labelScore[l.ordinal()], h.score());
            } else {
                Intent i = intent(h.name());
                if (i != null) {
                    intentScore[i.ordinal()] = Math.max(intentScore[i.ordinal()], h.score());
                }
            }
        }
        List<Span> spans = new ArrayList<>();
        int q = questionMark(t);
        // "Er det ikke herligt?", "hvem gider det?!": a rhetorical or exclamatory question asks nothing of the page,
        // unless the comment also asks for something in so many words ("skriv gerne hvornår …").
        if (q < 0 && whQuestionWithoutMark(t)) {
            // "når kommer de og fjerner gjerdene": a question in its word order, only the "?" is missing
            request = true;
            intentScore[Intent.QUESTION.ordinal()] = Math.max(intentScore[Intent.QUESTION.ordinal()], 0.75);
        }
        boolean noAnswerWanted =
                !request && (rhetorical || q >= 0 && (exclamatoryQuestion(t, q) || answeredByItself(t, q)));
        if (q >= 0 && !noAnswerWanted) {
            intentScore[Intent.QUESTION.ordinal()] = Math.max(intentScore[Intent.QUESTION.ordinal()], 0.75);
        }
        float[] p = null;
        boolean[] vetoed = new boolean[LABELS.length];
        double[] modelLabel = new double[LABELS.length];
        double[] modelIntent = new double[INTENTS.length];
        if (model != null) {
            p = model.predict(a.text, a.folded, a.language, a.hits);
            for (Label l : LABELS) {
                int h = labelHead[l.ordinal()];
                if (h >= 0) {
                    modelLabel[l.ordinal()] = model.calibrated(h, p[h]);
                }
            }
            for (Intent i : INTENTS) {
                int h = intentHead[i.ordinal()];
                if (h >= 0) {
                    modelIntent[i.ordinal()] = model.calibrated(h, p[h]);
                }
            }
        }
        if (offensiveHead >= 0 && VETO > 0) {
            // A single swear word or insult from the word lists, where the offensive head (which also sees the rule
            // hits) is confident the comment is not offensive, is a false alarm more often than not.
            double off = model.calibrated(offensiveHead, p[offensiveHead]);
            if (off < VETO) {
                for (Label l : OFFENSIVE) {
                    if (labelScore[l.ordinal()] >= THRESHOLD && labelScore[l.ordinal()] < STRONG_RULE) {
                        labelScore[l.ordinal()] = THRESHOLD - 0.01;
                        vetoed[l.ordinal()] = true;
                    }
                }
            }
        }
        if (offensiveHead >= 0) {
            // The four offensive heads learn from few positives each (DKHate has 10 threats); alone they over-fire, so
            // they may only pass when the OFFENSIVE head, trained on all offensive texts, agrees.
            // A sub-head that is sure by itself (now trained on Swedish, Norwegian and English comments as well as
            // DKHate) stands alone: the Danish-heavy OFFENSIVE head held back Swedish and Norwegian threats and hate.
            double off = model.calibrated(offensiveHead, p[offensiveHead]);
            if (off < THRESHOLD) {
                for (Label l : OFFENSIVE) {
                    if (modelLabel[l.ordinal()] < SUB_HEAD_ALONE) {
                        modelLabel[l.ordinal()] = Math.min(modelLabel[l.ordinal()], Math.min(off, THRESHOLD - 0.01));
                    }
                }
            }
        }
        boolean[] byModel = new boolean[LABELS.length];
        for (int l = 0; l < labelScore.length; l++) {
            if (modelLabel[l] > labelScore[l]) {
                byModel[l] = labelScore[l] < THRESHOLD && modelLabel[l] >= THRESHOLD;
                labelScore[l] = modelLabel[l];
            }
        }
        boolean[] intentByModel = new boolean[INTENTS.length];
        for (int i = 0; i < intentScore.length; i++) {
            if (modelIntent[i] > intentScore[i]) {
                intentByModel[i] = intentScore[i] < THRESHOLD && modelIntent[i] >= THRESHOLD;
                intentScore[i] = modelIntent[i];
            }
        }
        // The offensive head is trained on far more data than the four kinds it covers; when it is sure but none of the
        // four passed, the likeliest of them takes its score.
        if (offensiveHead >= 0) {
            double off = model.calibrated(offensiveHead, p[offensiveHead]);
            boolean any = false;
            Label best = Label.INSULT;
            double bestScore = -1;
            for (Label l : OFFENSIVE) {
                any |= labelScore[l.ordinal()] >= THRESHOLD;
                if (modelLabel[l.ordinal()] > bestScore) {
                    bestScore = modelLabel[l.ordinal()];
                    best = l;
                }
            }
            if (!any && off >= THRESHOLD) {
                labelScore[best.ordinal()] = off;
                byModel[best.ordinal()] = true;
            }
        }
        // A "?" the QUESTION head (trained on rhetorical questions and their real counterparts) is sure asks nothing
        // ("hvem har brug for gadelys i november alligevel?") does not make a question by itself.
        boolean headDenies = q >= 0
                && !request
                && intentHead[Intent.QUESTION.ordinal()] >= 0
                && model != null
                && modelIntent[Intent.QUESTION.ordinal()] < QUESTION_DENY;
        if (noAnswerWanted || headDenies) {
            intentScore[Intent.QUESTION.ordinal()] = Math.min(intentScore[Intent.QUESTION.ordinal()], 0.4);
        }
        if (labelScore[Label.ADVERTISING.ordinal()] >= THRESHOLD || labelScore[Label.SEXUAL.ordinal()] >= THRESHOLD) {
            // "Vil du tjene penge?" in an ad, or a sexual proposition, asks nothing the page must answer.
            intentScore[Intent.QUESTION.ordinal()] = Math.min(intentScore[Intent.QUESTION.ordinal()], 0.4);
        }
        if (rawOut != null) {
            System.arraycopy(labelScore, 0, rawOut, 0, LABELS.length);
            System.arraycopy(intentScore, 0, rawOut, LABELS.length, INTENTS.length);
        }
        // A score under 0.5 may still fire when the label × language decision threshold (fitted on the tuning set) is
        // lower, but only when it is the head's own score: a rule hit dampened by a negation, a quotation or news
        // wording, a vetoed word-list hit and a rhetorical question's capped QUESTION stay below whatever the
        // threshold.
        boolean[] labelHeadOwn = new boolean[LABELS.length];
        boolean[] intentHeadOwn = new boolean[INTENTS.length];
        if (model != null) {
            for (Label l : LABELS) {
                labelHeadOwn[l.ordinal()] = labelHead[l.ordinal()] >= 0
                        && !vetoed[l.ordinal()]
                        && labelScore[l.ordinal()] == modelLabel[l.ordinal()];
            }
            for (Intent i : INTENTS) {
                intentHeadOwn[i.ordinal()] =
                        intentHead[i.ordinal()] >= 0 && intentScore[i.ordinal()] == modelIntent[i.ordinal()];
            }
        }
        if (headOwnOut != null) {
            System.arraycopy(labelHeadOwn, 0, headOwnOut, 0, LABELS.length);
            System.arraycopy(intentHeadOwn, 0, headOwnOut, LABELS.length, INTENTS.length);
        }
        // Platt scaling per label and language (fitted on the tuning set): the same score means the same in every
        // language.
        boolean[] ruleFired = new boolean[LABELS.length];
        boolean[] intentFired = new boolean[INTENTS.length];
        for (Label l : LABELS) {
            ruleFired[l.ordinal()] = labelScore[l.ordinal()] >= THRESHOLD && !byModel[l.ordinal()];
            labelScore[l.ordinal()] = calibrate(l.name(), a.language, labelScore[l.ordinal()]);
        }
        for (Intent i : INTENTS) {
            intentFired[i.ordinal()] = intentScore[i.ordinal()] >= THRESHOLD;
            intentScore[i.ordinal()] = calibrate(i.name(), a.language, intentScore[i.ordinal()]);
        }
        if (calibratedOut != null) {
            System.arraycopy(labelScore, 0, calibratedOut, 0, LABELS.length);
            System.arraycopy(intentScore, 0, calibratedOut, LABELS.length, INTENTS.length);
        }
        Set<Label> labels = EnumSet.noneOf(Label.class);
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        Map<String, Double> scores = new HashMap<>();
        for (Label l : LABELS) {
            double s = labelScore[l.ordinal()];
            if (s >= calibration.threshold(l.name(), a.language) && (s >= THRESHOLD || labelHeadOwn[l.ordinal()])) {
                labels.add(l);
                byModel[l.ordinal()] |= s < THRESHOLD;
            }
            if (s >= REPORTED_SCORE) {
                scores.put(l.name(), round(s));
            }
        }
        for (Intent i : INTENTS) {
            double s = intentScore[i.ordinal()];
            if (s >= calibration.threshold(i.name(), a.language) && (s >= THRESHOLD || intentHeadOwn[i.ordinal()])) {
                intents.add(i);
                intentByModel[i.ordinal()] |= s < THRESHOLD;
            }
            if (s >= REPORTED_SCORE) {
                scores.put(i.name(), round(s));
            }
        }
        if (intents.contains(Intent.COMPLAINT) && !complaintStands(labels, intents, scores)) {
            intents.remove(Intent.COMPLAINT);
            double bar = calibration.threshold(Intent.COMPLAINT.name(), a.language) - 0.01;
            scores.computeIfPresent(Intent.COMPLAINT.name(), (k, v) -> round(Math.min(v, bar)));
        }
        for (Label l : labels) {
            // calibration lifted a label whose rule hits all scored below the threshold: its best hit explains it, or
            // the
            // head's words when no rule hit at all
            if (!ruleFired[l.ordinal()] && !byModel[l.ordinal()]) {
                RuleHit best = null;
                for (RuleHit h : all) {
                    if (h.name().equals(l.name()) && (best == null || h.score() > best.score())) {
                        best = h;
                    }
                }
                if (best != null) {
                    spans.add(new Span(l.name(), best.start(), best.end(), best.rule()));
                } else {
                    byModel[l.ordinal()] = true;
                }
            }
        }
        for (Intent i : intents) {
            if (!intentFired[i.ordinal()] && !intentByModel[i.ordinal()]) {
                RuleHit best = null;
                for (RuleHit h : all) {
                    if (h.name().equals(i.name()) && (best == null || h.score() > best.score())) {
                        best = h;
                    }
                }
                if (best != null) {
                    spans.add(new Span(i.name(), best.start(), best.end(), best.rule()));
                } else if (q >= 0 && i == Intent.QUESTION) {
                    spans.add(new Span(i.name(), sentenceStart(t, q), q + 1, "question-mark"));
                } else {
                    intentByModel[i.ordinal()] = intentHead[i.ordinal()] >= 0;
                }
            }
        }
        for (RuleHit h : all) {
            Label l = label(h.name());
            Intent i = l == null ? intent(h.name()) : null;
            if ((l != null && labels.contains(l) || i != null && intents.contains(i)) && h.score() >= THRESHOLD) {
                Span span = new Span(h.name(), h.start(), h.end(), h.rule());
                if (!spans.contains(span)) {
                    spans.add(span);
                }
            }
        }
        if (q >= 0 && intents.contains(Intent.QUESTION) && intentFired[Intent.QUESTION.ordinal()]) {
            Span qs = new Span(Intent.QUESTION.name(), sentenceStart(t, q), q + 1, "question-mark");
            if (!spans.contains(qs)) {
                spans.add(qs);
            }
        }
        for (Label l : labels) {
            if (byModel[l.ordinal()]) {
                int head = labelHead[l.ordinal()];
                boolean viaOffensive = head < 0 || modelLabel[l.ordinal()] < THRESHOLD && !labelHeadOwn[l.ordinal()];
                // The label's own head says which words are threatening, hateful …; when the offensive head made it
                // fire, that head's weights count too.
                String rule = "model." + (viaOffensive ? "offensive" : l.name().toLowerCase());
                for (int[] why : viaOffensive ? explain(a.folded, head, offensiveHead) : explain(a.folded, head)) {
                    spans.add(new Span(l.name(), why[0], why[1], rule));
                }
            }
        }
        for (Intent i : intents) {
            if (intentByModel[i.ordinal()]) {
                for (int[] why : explain(a.folded, intentHead[i.ordinal()])) {
                    spans.add(new Span(
                            i.name(), why[0], why[1], "model." + i.name().toLowerCase()));
                }
            }
        }
        return new Classification(a.language, labels, intents, scores, spans);
    }

    /**
     * Labels that a complaint about a service does not come with: in the 9,421 labelled rows of the training sets A, E,
     * F, H and tuning set C, HATE, ADVERTISING, CRIME, SECRET, SEXUAL and VIOLENCE rows carry the COMPLAINT intent in 0 %
     * of cases; a comment that hates, sells or leaks is not read as a complaint however much it shares a complaint's
     * words ("kommunen gjør ingenting"). THREAT is not among them although its rows carry COMPLAINT in only 6 %: an angry
     * citizen who complains and threatens in one comment has still complained, and a complaint must be registered and
     * never removed automatically, so a missed complaint costs more than a registered threat that was not one.
     */
    private static final Set<Label> NOT_WITH_COMPLAINT =
            EnumSet.of(Label.HATE, Label.ADVERTISING, Label.CRIME, Label.SECRET, Label.SEXUAL, Label.VIOLENCE);

    /**
     * Calibrated COMPLAINT score a comment that also asks a question needs: in those rows a question carries the
     * COMPLAINT intent in 7 % of cases ("hvornår kommer afgørelsen i min klagesag?" asks; it does not complain), so the
     * head's words of discontent must be clearer than the language's threshold alone. Chosen on tuning set C.
     */
    static final double COMPLAINT_WITH_QUESTION = 0.6;

    private static boolean complaintStands(Set<Label> labels, Set<Intent> intents, Map<String, Double> scores) {
        for (Label l : labels) {
            if (NOT_WITH_COMPLAINT.contains(l)) {
                return false;
            }
        }
        return !intents.contains(Intent.QUESTION)
                || scores.getOrDefault(Intent.COMPLAINT.name(), 0.0) >= COMPLAINT_WITH_QUESTION;
    }

    /**
     * The calibrated score. Calibration may take a label or intent below the threshold (the tuning set says that such
     * scores are more often wrong than right in this language) but never lifts one over it: a hit that a negation, a
     * quotation or news wording dampened ("politiet siger at manden truede med at sætte ild til rådhuset"), or a CPR near
     * miss, must stay below the threshold whatever the language's curve. Such scores are capped just under 0.5.
     */
    private double calibrate(String name, Language lang, double raw) {
        double c = calibration.apply(name, lang, raw);
        return raw < THRESHOLD ? Math.min(c, THRESHOLD - 0.01) : c;
    }

    /**
     * {lookups, hits} of the calling thread's word memo in the model (see {@link LinearModel#predict(String, FoldedText,
     * Language, List)}), for benchmarks.
     */
    public long[] wordMemoCounts() {
        return model == null ? new long[2] : model.wordMemoCounts();
    }

    /** What the pipeline sees before the trained heads: language, folded text, rule hits, features (training). */
    public record Analysis(
            String text,
            Language language,
            FoldedText folded,
            List<RuleHit> hits,
            FeatureExtractor.Features features) {}

    public Analysis analyse(String text, Optional<Language> languageHint) {
        return analyse(text, languageHint, true, ClassificationContext.NONE);
    }

    /**
     * The context with the contact details that the account's own post gives (phone numbers, e-mail addresses, street
     * addresses found by the personal-data detector) added: what an organisation publishes about itself is not personal
     * data when a comment quotes it back. Public contact details (municipal domains, service numbers) need no learning.
     */
    public ClassificationContext learnOwnContacts(ClassificationContext context, String ownPost) {
        String t = ownPost == null
                ? ""
                : ownPost.length() > MAX_ANALYSED_CHARS ? ownPost.substring(0, MAX_ANALYSED_CHARS) : ownPost;
        Language lang = languages.detect(t);
        FoldedText folded = TextNormaliser.fold(t);
        List<RuleHit> hits = rules.match(t, folded, lang);
        ClassificationContext.Builder b = context.toBuilder();
        boolean added = false;
        for (RuleHit h : personalData.detect(t, lang, hits)) {
            String found = t.substring(h.start(), h.end());
            switch (h.rule()) {
                case "pii.phone-number" -> b.phone(found);
                case "pii.email" -> b.email(found);
                case "pii.street-address" -> b.address(found);
                default -> {
                    continue; // national IDs, accounts and health facts are never learnt as the organisation's
                }
            }
            added = true;
        }
        return added ? b.build() : context;
    }

    /** {@code features}: whether to extract the feature list (training) or leave it null (classify). */
    private Analysis analyse(
            String text, Optional<Language> languageHint, boolean features, ClassificationContext context) {
        String t =
                text == null ? "" : text.length() > MAX_ANALYSED_CHARS ? text.substring(0, MAX_ANALYSED_CHARS) : text;
        Language lang = languageHint.orElseGet(() -> languages.detect(t));
        FoldedText folded = TextNormaliser.fold(t);
        List<RuleHit> hits = withoutDecisionInsults(rules.match(t, folded, lang));
        List<RuleHit> pii = personalData.detect(t, lang, hits, context);
        List<RuleHit> sec = secrets.detect(t);
        if (!pii.isEmpty() || !sec.isEmpty()) {
            hits = new ArrayList<>(hits);
            hits.addAll(pii);
            hits.addAll(sec);
        }
        return new Analysis(t, lang, folded, hits, features ? FeatureExtractor.extract(t, folded, lang, hits) : null);
    }

    /**
     * The words that pushed the given heads' scores most, as spans of the original text: every word's contribution is its
     * unigram, its character n-grams and half of its bigrams (the features it put into the sum), and the span list holds
     * the best word and every other word worth at least half as much (at most {@value #MAX_MODEL_SPANS}), adjacent ones
     * merged into one phrase. So "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?" points at "slå" and
     * "ihjel", the words that carry the threat, not at the place where the threat might be carried out.
     */
    private List<int[]> explain(FoldedText folded, int... heads) {
        String t = folded.text();
        List<int[]> words = new ArrayList<>();
        int i = 1;
        while (i < t.length()) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                break;
            }
            if (j > i) {
                words.add(new int[] {i, j});
            }
            i = j + 1;
        }
        if (words.isEmpty()) {
            return List.of(new int[] {0, 0});
        }
        // Each word's buckets are hashed once and summed for every head (before: once per head, through a lambda),
        // in the same order and precision as before, so the spans are the same.
        int nw = words.size();
        int[] wh = new int[nw];
        for (int w = 0; w < nw; w++) {
            int[] cur = words.get(w);
            wh[w] = FeatureExtractor.wordHash(t, cur[0], cur[1]);
        }
        float[] c = new float[nw];
        int[] buckets = new int[2 * t.length() + 8];
        int best = 0;
        for (int w = 0; w < nw; w++) {
            int[] cur = words.get(w);
            int prev = 0;
            if (w > 0) {
                int[] pw = words.get(w - 1);
                prev = pw[1] == cur[0] - 1 ? wh[w - 1] : FeatureExtractor.wordHash(t, pw[0], cur[0] - 1);
            }
            int next = w + 1 < nw ? wh[w + 1] : 0;
            int n = FeatureExtractor.wordBuckets(t, cur[0], cur[1], wh[w], prev, next, buckets);
            int halves = (prev != 0 ? 1 : 0) + (next != 0 ? 1 : 0);
            for (int head : heads) {
                if (head >= 0) {
                    double sum = model.weight(buckets[0], head);
                    for (int j = 1; j <= halves; j++) {
                        sum += 0.5 * model.weight(buckets[j], head);
                    }
                    for (int j = 1 + halves; j < n; j++) {
                        sum += model.weight(buckets[j], head);
                    }
                    c[w] += (float) sum;
                }
            }
            if (c[w] > c[best]) {
                best = w;
            }
        }
        List<int[]> out = new ArrayList<>();
        if (c[best] <= 0) {
            int[] wd = words.get(best);
            out.add(new int[] {folded.originalStart(wd[0]), folded.originalEnd(wd[1])});
            return out;
        }
        boolean[] chosen = new boolean[words.size()];
        chosen[best] = true;
        int picked = 1;
        while (picked < MAX_MODEL_SPANS) {
            int next = -1;
            for (int w = 0; w < words.size(); w++) {
                if (!chosen[w] && c[w] >= 0.5f * c[best] && (next < 0 || c[w] > c[next])) {
                    next = w;
                }
            }
            if (next < 0) {
                break;
            }
            chosen[next] = true;
            picked++;
        }
        for (int w = 0; w < words.size(); w++) {
            if (!chosen[w]) {
                continue;
            }
            int from = w;
            while (w + 1 < words.size() && chosen[w + 1]) {
                w++;
            }
            out.add(new int[] {folded.originalStart(words.get(from)[0]), folded.originalEnd(words.get(w)[1])});
        }
        return out;
    }

    /**
     * The rule hits without the insult frames that are about a decision, plan or post ("din beslutning er dum", "your
     * proposal is useless"): criticism of a decision is not an attack on a person. Dropped before the model sees the hits,
     * so that the frame is no feature either.
     */
    private static List<RuleHit> withoutDecisionInsults(List<RuleHit> hits) {
        boolean decision = false;
        for (RuleHit h : hits) {
            decision |= h.name().equals("DECISION");
        }
        if (!decision) {
            return hits;
        }
        List<RuleHit> out = new ArrayList<>(hits.size());
        for (RuleHit h : hits) {
            if (!(h.rule().equals("insult.you-are") && aboutADecision(h, hits))) {
                out.add(h);
            }
        }
        return out;
    }

    /** Whether the insult frame's span holds a decision word ("din beslutning er dum", "your plan is stupid"). */
    private static boolean aboutADecision(RuleHit insult, List<RuleHit> hits) {
        for (RuleHit d : hits) {
            if (d.name().equals("DECISION") && d.start() >= insult.start() && d.end() <= insult.end()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern INFO_WORD = java.util.regex.Pattern.compile(
            "(?iu)(?<!\\p{L})(hvornår|når|när|when|hvordan|hur|korleis|how|hvor længe|hvor lenge|hur länge|kor lenge"
                    + "|hvilken|hvilket|hvilke|vilken|vilket|vilka|which|kva tid|what time)(?!\\p{L})");

    /**
     * "?!" or "!?" ends a question that exclaims rather than asks ("hvem gider det?!"), unless the sentence asks for a
     * time, a way or a choice ("hvornår bliver vejen ryddet?!" wants an answer).
     */
    private static boolean exclamatoryQuestion(String t, int q) {
        // "?!", "!?" and "??" exclaim ("hva skjer??")
        boolean bang = q + 1 < t.length() && t.charAt(q + 1) == '!'
                || q > 0 && (t.charAt(q - 1) == '!' || t.charAt(q - 1) == '?');
        if (!bang) {
            return false;
        }
        int from = q - 1;
        while (from >= 0 && ".\n".indexOf(t.charAt(from)) < 0 && !(t.charAt(from) == '?' && from < q - 1)) {
            from--;
        }
        return !INFO_WORD.matcher(t).region(from + 1, q).find();
    }

    /**
     * What follows a comment's last question when its writer answers it or rolls their eyes at it: "Nej, selvfølgelig
     * ikke", "Et geni, tydeligvis", "Fordi sentrum alltid vinn", "Typisk.", "Sukk.", 🙄. Such a question asks nothing.
     */
    private static final java.util.regex.Pattern SELF_ANSWER = java.util.regex.Pattern.compile(
            "(?iu)^[\\s\\p{Punct}]*(?:(?:nej|nei|no|nope)\\b[\\s,.!]*)?(?:(?:det|den|de|dei|the)\\s+\\p{L}+\\s+(?:i|ni|de|dere|you)\\s+)?"
                    + "(?:selvfølgelig|selvfolgelig|självklart|sjalvklart|sjølvsagt|sjolvsagt|selvsagt|naturligvis|naturligtvis"
                    + "|förstås|forstas|of course|obviously|fordi|eftersom|därför att|because|typisk|typiskt|typical|sukk|suck"
                    + "|sigh)(?!\\p{L})");

    private static final java.util.regex.Pattern SARCASM = java.util.regex.Pattern.compile(
            "(?iu)(?<!\\p{L})(?:tydeligvis|tydelegvis|åbenbart|abenbart|åpenbart|openbert|uppenbarligen|tydligen|clearly"
                    + "|obviously)(?!\\p{L})|\\x{1F644}|\\x{1F926}|\\x{1F643}");

    private static boolean answeredByItself(String t, int q) {
        if (q + 1 >= t.length()) {
            return false;
        }
        String tail = t.substring(q + 1, Math.min(t.length(), q + 200));
        return SELF_ANSWER.matcher(tail).find() || SARCASM.matcher(tail).find();
    }

    /**
     * A sentence that opens with a question word and a verb ("når kommer de …", "hvornår åbner …", "när öppnar …",
     * "kor lenge skal …"): a question without its "?". A pronoun or a noun after "når"/"när" makes it a clause of time
     * ("når jeg kommer hjem …"), so the next word must be a verb: a present tense in -r or a modal or auxiliary.
     */
    private static final java.util.regex.Pattern WH_VERB = java.util.regex.Pattern.compile(
            "(?iu)(?:^|[.!\\n]\\s*)(?:hvornår|hvornar|når|när|kva tid|kor tid|hvor længe|hvor lenge|hur länge|kor lenge"
                    + "|when|how long)\\s+(\\p{L}+)");

    private static final java.util.Set<String> AUXILIARIES = java.util.Set.of(
            "er", "är", "blir", "bliver", "skal", "ska", "vil", "kan", "får", "må", "does", "do", "will", "is", "are",
            "can", "should", "would", "could", "did", "was", "were", "var", "vart", "blev", "kom", "åbnede", "lukkede");

    private static final java.util.Set<String> NOT_VERBS = java.util.Set.of(
            "lærer", "lærar", "lärare", "borger", "borgar", "somer", "vinter", "sommer", "over", "under", "efter",
            "etter", "eller", "other", "their", "your", "our", "her", "mer", "fler", "flere", "fleire", "naboer",
            "bønder", "bilder", "ganger", "gonger", "gånger", "timer", "dager", "dagar", "uker", "veker", "år");

    private static boolean whQuestionWithoutMark(String t) {
        java.util.regex.Matcher m = WH_VERB.matcher(t);
        while (m.find()) {
            String w = m.group(1).toLowerCase(java.util.Locale.ROOT);
            if (AUXILIARIES.contains(w) || w.length() >= 4 && w.endsWith("r") && !NOT_VERBS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static int questionMark(String t) {
        int q = t.lastIndexOf('?');
        while (q >= 0) {
            // "?" inside a link (…/page?id=3) asks nothing
            int sp = t.lastIndexOf(' ', q);
            String word = t.substring(sp + 1, q);
            if (!word.contains("://") && !word.startsWith("www.")) {
                return q;
            }
            q = q == 0 ? -1 : t.lastIndexOf('?', q - 1);
        }
        return -1;
    }

    private static int sentenceStart(String t, int q) {
        int s = q - 1;
        while (s >= 0 && ".!?\n".indexOf(t.charAt(s)) < 0) {
            s--;
        }
        s++;
        while (s < q && Character.isWhitespace(t.charAt(s))) {
            s++;
        }
        return s;
    }

    private static double round(double v) {
        return Math.round(Math.min(1.0, Math.max(0.0, v)) * 1000) / 1000.0;
    }

    // values() clones its array on every call, and label()/intent() ran for every rule hit twice: looked up once here.
    private static final Label[] LABELS = Label.values();
    private static final Intent[] INTENTS = Intent.values();
    private static final Map<String, Label> LABEL_BY_NAME = new HashMap<>();
    private static final Map<String, Intent> INTENT_BY_NAME = new HashMap<>();

    static {
        for (Label l : LABELS) {
            LABEL_BY_NAME.put(l.name(), l);
        }
        for (Intent i : INTENTS) {
            INTENT_BY_NAME.put(i.name(), i);
        }
    }

    private static Label label(String name) {
        return LABEL_BY_NAME.get(name);
    }

    private static Intent intent(String name) {
        return INTENT_BY_NAME.get(name);
    }
}
