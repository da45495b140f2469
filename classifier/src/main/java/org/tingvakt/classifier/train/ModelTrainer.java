package org.tingvakt.classifier.train;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.model.FeatureExtractor;
import org.tingvakt.classifier.model.LinearModel;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains one logistic-regression head per label or intent with Tribuo (SGD with AdaGrad, fixed seed, so runs repeat
 * exactly), picks each head's threshold by an inner 3-fold cross-validation on its own training data, and exports the
 * weights into a {@link LinearModel}.
 */
public final class ModelTrainer {

    // Held in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    public static final long SEED = 20260101L;
    private static final int EPOCHS = 8;
    private static final int MIN_POSITIVES_TO_TUNE = 50;
    private static final LabelFactory LABELS = new LabelFactory();
    private static final Label YES = new Label("1");
    private static final Label NO = new Label("0");

    /** Heads that do not learn from character n-grams: see {@link FeatureExtractor#WORD_LEVEL_HEADS}. */
    public static final Set<String> WORD_LEVEL_HEADS = FeatureExtractor.WORD_LEVEL_HEADS;

    /** A text turned into features once, reused by every head and fold. */
    public record Featurised(LabelledText source, String[] names, double[] values, double wordScale) {}

    private final Classifier featuriser;

    public ModelTrainer(Classifier featuriser) {
        this.featuriser = featuriser;
    }

    public List<Featurised> featurise(List<LabelledText> data) {
        List<Featurised> out = new ArrayList<>(data.size());
        for (LabelledText t : data) {
            FeatureExtractor.Features f = featuriser.analyse(t.text(), t.lang()).features();
            Map<Integer, Double> merged = new HashMap<>();
            for (int i = 0; i < f.count(); i++) {
                merged.merge(f.ids()[i], (double) f.value(), Double::sum);
            }
            String[] names = new String[merged.size()];
            double[] values = new double[merged.size()];
            int k = 0;
            for (Map.Entry<Integer, Double> e : merged.entrySet()) {
                names[k] = "f" + e.getKey();
                values[k] = e.getValue();
                k++;
            }
            out.add(new Featurised(t, names, values, f.wordValue() / f.value()));
        }
        return out;
    }

    /** Trains the given heads on the examples annotated for each; thresholds from inner CV when asked. */
    public LinearModel train(List<Featurised> data, List<String> heads, boolean tuneThresholds) {
        int k = heads.size();
        float[] weights = new float[FeatureExtractor.BUCKETS * k];
        float[] bias = new float[k];
        float[] thresholds = new float[k];
        for (int h = 0; h < k; h++) {
            String head = heads.get(h);
            List<Featurised> subset = new ArrayList<>();
            for (Featurised f : data) {
                if (f.source().annotated().contains(head)) {
                    subset.add(f);
                }
            }
            long positives = subset.stream()
                    .filter(f -> f.source().positives().contains(head))
                    .count();
            if (positives == 0 || positives == subset.size()) {
                bias[h] = positives == 0 ? -10f : 10f;
                thresholds[h] = 0.5f;
                continue;
            }
            // With few positives an F1-optimal threshold is mostly noise (it drifts to 0.05 and fires on anything);
            // such heads keep the neutral 0.5.
            thresholds[h] =
                    tuneThresholds && positives >= MIN_POSITIVES_TO_TUNE ? (float) tuneThreshold(subset, head) : 0.5f;
            LinearSGDModel m = fit(subset, head);
            export(m, weights, bias, k, h);
        }
        return new LinearModel(heads, weights, bias, thresholds);
    }

    private static LinearSGDModel fit(List<Featurised> subset, String head) {
        List<Example<Label>> examples = new ArrayList<>(subset.size());
        for (Featurised f : subset) {
            Featurised g = forHead(f, head);
            ArrayExample<Label> ex =
                    new ArrayExample<>(f.source().positives().contains(head) ? YES : NO, g.names(), g.values());
            ex.setWeight((float) f.source().weight());
            examples.add(ex);
        }
        SimpleDataSourceProvenance prov = new SimpleDataSourceProvenance(
                "tingvakt-" + head, OffsetDateTime.parse("2026-01-01T00:00:00Z"), LABELS);
        MutableDataset<Label> ds = new MutableDataset<>(new ListDataSource<>(examples, LABELS, prov));
        LinearSGDTrainer trainer =
                new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS, 1000, 1, SEED);
        return (LinearSGDModel) trainer.train(ds);
    }

    /** The features a head learns from (all, or without character n-grams for {@link #WORD_LEVEL_HEADS}). */
    private static Featurised forHead(Featurised f, String head) {
        if (!WORD_LEVEL_HEADS.contains(head)) {
            return f;
        }
        List<String> names = new ArrayList<>(f.names().length);
        List<Double> values = new ArrayList<>(f.names().length);
        for (int i = 0; i < f.names().length; i++) {
            if (!FeatureExtractor.isCharGram(Integer.parseInt(f.names()[i].substring(1)))) {
                names.add(f.names()[i]);
                values.add(f.values()[i] * f.wordScale());
            }
        }
        return new Featurised(
                f.source(),
                names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray(),
                1.0);
    }

    private static void export(LinearSGDModel m, float[] weights, float[] bias, int k, int h) {
        DenseMatrix w = m.getWeightsCopy();
        ImmutableFeatureMap fmap = m.getFeatureIDMap();
        int yes = m.getOutputIDInfo().getID(YES);
        int no = m.getOutputIDInfo().getID(NO);
        for (VariableInfo vi : fmap) {
            int id = ((VariableIDInfo) vi).getID();
            int bucket = Integer.parseInt(vi.getName().substring(1));
            weights[bucket * k + h] = (float) (w.get(yes, id) - w.get(no, id));
        }
        int biasCol = fmap.size();
        bias[h] = (float) (w.get(yes, biasCol) - w.get(no, biasCol));
    }

    /** Threshold with the best F1 over an inner 3-fold split of this head's training data. */
    private static double tuneThreshold(List<Featurised> subset, String head) {
        List<Featurised> shuffled = new ArrayList<>(subset);
        Collections.shuffle(shuffled, new Random(SEED));
        int folds = 3;
        double[] probs = new double[shuffled.size()];
        boolean[] gold = new boolean[shuffled.size()];
        for (int fold = 0; fold < folds; fold++) {
            List<Featurised> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                if (i % folds == fold) {
                    test.add(i);
                } else {
                    train.add(shuffled.get(i));
                }
            }
            if (train.stream().noneMatch(f -> f.source().positives().contains(head))) {
                continue;
            }
            LinearSGDModel m = fit(train, head);
            for (int i : test) {
                Featurised f = forHead(shuffled.get(i), head);
                ArrayExample<Label> ex = new ArrayExample<>(NO, f.names(), f.values());
                probs[i] = m.predict(ex).getOutputScores().get("1").getScore();
                gold[i] = f.source().positives().contains(head);
            }
        }
        double bestT = 0.5;
        double bestF = -1;
        for (double t = 0.05; t < 0.951; t += 0.025) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < probs.length; i++) {
                boolean p = probs[i] >= t;
                if (p && gold[i]) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (gold[i]) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF + 1e-9 || (Math.abs(f1 - bestF) <= 1e-9 && Math.abs(t - 0.5) < Math.abs(bestT - 0.5))) {
                bestF = f1;
                bestT = t;
            }
        }
        return bestT;
    }
}
